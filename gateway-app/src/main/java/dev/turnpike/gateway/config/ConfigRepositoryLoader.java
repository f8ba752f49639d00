package dev.turnpike.gateway.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.turnpike.gateway.config.model.Api;
import dev.turnpike.gateway.config.model.ApiMethod;
import dev.turnpike.gateway.config.model.ApiType;
import dev.turnpike.gateway.config.model.AuthorizerSpec;
import dev.turnpike.gateway.config.model.BasePathMapping;
import dev.turnpike.gateway.config.model.GatewayConfig;
import dev.turnpike.gateway.config.model.IntegrationType;
import dev.turnpike.gateway.config.model.ParameterMapping;
import dev.turnpike.gateway.config.model.SecurityScheme;
import dev.turnpike.gateway.config.model.Stage;
import dev.turnpike.gateway.config.model.StageVariables;
import dev.turnpike.gateway.config.model.ValueExpression;
import dev.turnpike.gateway.lambda.FunctionRef;

/**
 * Loads and validates a config repo directory:
 *
 * <pre>
 * gateway.yaml                      (optional) gateway-wide settings, custom domains
 * apis/&lt;api-id&gt;/openapi.yaml       an API as exported from AWS (or openapi.yml / openapi.json)
 * apis/&lt;api-id&gt;/stages/&lt;stage&gt;.yaml stage settings and variables
 * </pre>
 *
 * Plain Java, no Spring: the gateway, its {@code validate} command and the tests share
 * it. Either the whole repo validates and a {@link GatewayConfig} comes back, or an
 * {@link InvalidConfigException} lists every problem.
 */
public final class ConfigRepositoryLoader {

	/**
	 * API ids appear in host names ({@code <id>.execute-api.<domain>}), so they are DNS
	 * labels.
	 */
	static final Pattern API_ID = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

	private static final List<String> DOCUMENT_NAMES = List.of("openapi.yaml", "openapi.yml", "openapi.json");

	private final OpenApiReader openApiReader;

	public ConfigRepositoryLoader(LoaderSettings settings) {
		this.openApiReader = new OpenApiReader(settings);
	}

	/** A valid config and the warnings worth logging. */
	public record Result(GatewayConfig config, List<ConfigProblem> warnings) {
	}

	public Result load(Path root) {
		Problems problems = new Problems();
		Path dir = root.toAbsolutePath().normalize();
		if (!Files.isDirectory(dir)) {
			throw new InvalidConfigException(List.of(new ConfigProblem(root.toString(), "", "is not a directory")));
		}
		Path gatewayFile = dir.resolve(GatewayFileReader.FILE);
		List<BasePathMapping> mappings = Files.exists(gatewayFile)
				? GatewayFileReader.read(YamlFiles.readYaml(gatewayFile, GatewayFileReader.FILE, problems)) : List.of();
		Map<String, Api> apis = readApis(dir, problems);
		new ResourceTreeCheck(problems).check(apis.values());
		apis.values().forEach(api -> checkStages(api, problems));
		for (Api api : apis.values()) {
			for (Stage stage : api.stages().values()) {
				FeatureConfigs.installed().forEach(feature -> feature.check(api, stage, problems));
			}
		}
		checkMappings(mappings, apis, problems);
		if (problems.hasErrors()) {
			throw new InvalidConfigException(problems.errors());
		}
		return new Result(new GatewayConfig(dir, apis, List.copyOf(mappings)), List.copyOf(problems.warnings()));
	}

	private Map<String, Api> readApis(Path root, Problems problems) {
		Map<String, Api> apis = new TreeMap<>();
		Path apisDir = root.resolve("apis");
		if (!Files.isDirectory(apisDir)) {
			problems.warn("apis", "", "does not exist; the gateway serves no APIs");
			return apis;
		}
		for (Path apiDir : list(apisDir, problems)) {
			if (Files.isDirectory(apiDir) && !apiDir.getFileName().toString().startsWith(".")) {
				Api api = readApi(root, apiDir, problems);
				if (api != null) {
					apis.put(api.id(), api);
				}
			}
		}
		return apis;
	}

	private Api readApi(Path root, Path apiDir, Problems problems) {
		String id = apiDir.getFileName().toString();
		String dirName = "apis/" + id;
		if (!API_ID.matcher(id).matches()) {
			problems.error(dirName, "", "'" + id + "' is not a valid API id: the folder name becomes a host name label,"
					+ " so use lower-case letters, digits and '-' (at most 63)");
			return null;
		}
		List<Path> documents = DOCUMENT_NAMES.stream().map(apiDir::resolve).filter(Files::isRegularFile).toList();
		if (documents.size() != 1) {
			problems.error(dirName, "", documents.isEmpty() ? "has no openapi.yaml, openapi.yml or openapi.json"
					: "has more than one OpenAPI document; keep one");
			return null;
		}
		String file = relative(root, documents.get(0));
		String content = YamlFiles.readText(documents.get(0), file, problems);
		OpenApiReader.Document document = (content != null) ? this.openApiReader.read(id, file, content, problems)
				: null;
		Map<String, Stage> stages = readStages(root, apiDir.resolve("stages"), problems);
		if (stages.isEmpty()) {
			problems.warn(dirName, "", "has no stages/<stage>.yaml; the API is not served until it has one");
		}
		if (document != null && document.type() == ApiType.HTTP && stages.containsKey(Stage.DEFAULT_FILE_ALIAS)) {
			Stage alias = stages.remove(Stage.DEFAULT_FILE_ALIAS);
			if (stages.containsKey(Stage.DEFAULT)) {
				problems.error(alias.file(), "", "is the $default stage too (stages/" + Stage.DEFAULT_FILE_ALIAS
						+ ".yaml stands for stages/$default.yaml); keep one of the two");
			}
			else {
				stages.put(Stage.DEFAULT, alias.named(Stage.DEFAULT));
			}
		}
		if (document != null && document.type() != ApiType.HTTP && stages.containsKey(Stage.DEFAULT)) {
			problems.error(stages.get(Stage.DEFAULT).file(), "",
					"the $default stage is an HTTP API's; a REST API's stage names use A-Z a-z 0-9 - _");
			stages.remove(Stage.DEFAULT);
		}
		return (document != null) ? new Api(id, document.title(), file, document.methods(), document.gatewayResponses(),
				document.binaryMediaTypes(), stages, document.apiKeySource(), document.securitySchemes(),
				document.resourcePolicy(), document.type(), document.features()) : null;
	}

	private static Map<String, Stage> readStages(Path root, Path stagesDir, Problems problems) {
		Map<String, Stage> stages = new TreeMap<>();
		if (!Files.isDirectory(stagesDir)) {
			return stages;
		}
		for (Path stageFile : list(stagesDir, problems)) {
			String fileName = stageFile.getFileName().toString();
			if (!Files.isRegularFile(stageFile) || fileName.startsWith(".")
					|| !(fileName.endsWith(".yaml") || fileName.endsWith(".yml"))) {
				continue;
			}
			String file = relative(root, stageFile);
			String name = fileName.substring(0, fileName.lastIndexOf('.'));
			if (!StageReader.STAGE_NAME.matcher(name).matches() && !Stage.DEFAULT.equals(name)) {
				problems.error(file, "", "'" + name + "' is not a valid stage name (A-Z a-z 0-9 - _, at most 128)");
				continue;
			}
			if (stages.containsKey(name)) {
				problems.error(file, "", "stage '" + name + "' is defined twice (.yaml and .yml)");
				continue;
			}
			Stage stage = StageReader.read(name, YamlFiles.readYaml(stageFile, file, problems));
			if (stage != null) {
				stages.put(name, stage);
			}
		}
		return stages;
	}

	/**
	 * Every integration URI must resolve, with the stage's variables, to a valid http(s)
	 * URL.
	 */
	private static void checkStages(Api api, Problems problems) {
		for (Stage stage : api.stages().values()) {
			checkAuthorizerUris(api, stage, problems);
			for (ApiMethod method : api.methods()) {
				checkIntegrationUri(api, stage, method, problems);
				for (ParameterMapping mapping : method.integration().requestParameters()) {
					if (mapping.source() instanceof ValueExpression.StageVariable variable
							&& !stage.variables().containsKey(variable.name())) {
						problems.warn(stage.file(), "variables",
								"'" + variable.name() + "' is not defined but " + method.location()
										+ " maps it to integration.request." + mapping.location().configName() + "."
										+ mapping.name() + "; that parameter is left out in this stage");
					}
				}
			}
		}
	}

	private static void checkAuthorizerUris(Api api, Stage stage, Problems problems) {
		for (SecurityScheme scheme : api.securitySchemes().values()) {
			AuthorizerSpec authorizer = scheme.authorizer();
			if (authorizer == null || authorizer.authorizerUri() == null
					|| StageVariables.references(authorizer.authorizerUri()).isEmpty()) {
				continue;
			}
			try {
				FunctionRef.fromInvocationUri(StageVariables.substitute(authorizer.authorizerUri(), stage.variables()));
			}
			catch (IllegalArgumentException ex) {
				problems.error(stage.file(), "variables",
						"authorizer " + scheme.name() + " of " + api.file() + ": " + ex.getMessage());
			}
		}
	}

	private static void checkIntegrationUri(Api api, Stage stage, ApiMethod method, Problems problems) {
		IntegrationType type = method.integration().type();
		String template = method.integration().uri();
		if ((type != IntegrationType.HTTP && type != IntegrationType.HTTP_PROXY) || template == null
				|| StageVariables.references(template).isEmpty()) {
			return;
		}
		try {
			String uri = StageVariables.substitute(template, stage.variables());
			if (!IntegrationReader.isHttpUrl(uri)) {
				problems.error(stage.file(), "variables", method.location() + " integration uri '" + template
						+ "' becomes '" + uri + "' in this stage, which is not an http:// or https:// URL with a host");
			}
		}
		catch (IllegalArgumentException ex) {
			problems.error(stage.file(), "variables", ex.getMessage() + ", but the integration uri of " + api.file()
					+ " " + method.location() + " uses it");
		}
	}

	private static void checkMappings(List<BasePathMapping> mappings, Map<String, Api> apis, Problems problems) {
		for (BasePathMapping mapping : mappings) {
			Api api = apis.get(mapping.apiId());
			String field = "domains." + mapping.domain() + "."
					+ (mapping.basePath().isEmpty() ? "(none)" : mapping.basePath());
			if (api == null) {
				problems.error(GatewayFileReader.FILE, field,
						"API '" + mapping.apiId() + "' does not exist under apis/");
			}
			else if (!api.stages().containsKey(mapping.stage())) {
				problems.error(GatewayFileReader.FILE, field, "API '" + mapping.apiId() + "' has no stage '"
						+ mapping.stage() + "' (stages: " + String.join(", ", api.stages().keySet()) + ")");
			}
		}
	}

	private static List<Path> list(Path dir, Problems problems) {
		try (Stream<Path> entries = Files.list(dir)) {
			return entries.sorted().toList();
		}
		catch (IOException ex) {
			problems.error(dir.toString(), "", "cannot be listed: " + ex.getMessage());
			return new ArrayList<>();
		}
	}

	static String relative(Path root, Path file) {
		return root.relativize(file).toString().replace('\\', '/');
	}

}
