package dev.turnpike.gateway.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import dev.turnpike.gateway.config.model.Api;
import dev.turnpike.gateway.config.model.ApiMethod;
import dev.turnpike.gateway.config.model.ApiType;
import dev.turnpike.gateway.config.model.AuthorizerSpec;
import dev.turnpike.gateway.config.model.FeatureSettings;
import dev.turnpike.gateway.config.model.GatewayResponseSpec;
import dev.turnpike.gateway.config.model.Integration;
import dev.turnpike.gateway.config.model.MethodParameter;
import dev.turnpike.gateway.config.model.RequestLocation;
import dev.turnpike.gateway.config.model.SecurityRequirement;
import dev.turnpike.gateway.config.model.SecurityScheme;
import dev.turnpike.gateway.error.GatewayResponseType;
import dev.turnpike.gateway.policy.PolicyDocument;
import io.swagger.parser.OpenAPIParser;
import org.yaml.snakeyaml.error.YAMLException;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

/**
 * Reads an API as exported from AWS: an OpenAPI 3.0 or Swagger 2.0 document (both parsed
 * by swagger-parser) with {@code x-amazon-apigateway-*} extensions. {@code servers} and
 * {@code basePath} are ignored, as AWS's import does by default.
 */
final class OpenApiReader {

	static final String INTEGRATION = "x-amazon-apigateway-integration";

	static final String ANY_METHOD = "x-amazon-apigateway-any-method";

	static final String GATEWAY_RESPONSES = "x-amazon-apigateway-gateway-responses";

	static final String BINARY_MEDIA_TYPES = "x-amazon-apigateway-binary-media-types";

	static final String API_KEY_SOURCE = "x-amazon-apigateway-api-key-source";

	static final String AUTHORIZER = "x-amazon-apigateway-authorizer";

	static final String POLICY = "x-amazon-apigateway-policy";

	/**
	 * A literal path segment ({@code [A-Za-z0-9_-.,:]}) or a whole-segment parameter,
	 * greedy or not.
	 */
	private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_\\-.,:]+|\\{[A-Za-z0-9_.\\-]+\\+?}");

	private final IntegrationReader integrations;

	private final LoaderSettings settings;

	OpenApiReader(LoaderSettings settings) {
		this.integrations = new IntegrationReader(settings);
		this.settings = settings;
	}

	/** What one document holds, before stages are attached. */
	record Document(String title, List<ApiMethod> methods,
			Map<GatewayResponseType, GatewayResponseSpec> gatewayResponses, List<String> binaryMediaTypes,
			Api.ApiKeySource apiKeySource, Map<String, SecurityScheme> securitySchemes, PolicyDocument resourcePolicy,
			ApiType type, FeatureSettings features) {
	}

	Document read(String apiId, String file, String content, Problems problems) {
		Map<String, Object> rawDocument = rawDocument(content);
		if (rawDocument != null && !rawDocument.containsKey("openapi") && !rawDocument.containsKey("swagger")) {
			problems.error(file, "",
					"is not an OpenAPI 3.0 or Swagger 2.0 document: it has no 'openapi' or 'swagger' field");
			return null;
		}
		ParseOptions options = new ParseOptions();
		// No $ref resolution: an API document must never make the gateway fetch remote
		// URLs.
		options.setResolve(false);
		SwaggerParseResult result;
		try {
			result = new OpenAPIParser().readContents(content, null, options);
		}
		catch (RuntimeException ex) {
			// swagger-parser's Swagger 2.0 converter throws on some malformed documents
			// instead of reporting them.
			problems.error(file, "", "is not an OpenAPI 3.0 or Swagger 2.0 document the parser can read: " + ex);
			return null;
		}
		OpenAPI openApi = result.getOpenAPI();
		if (openApi == null || openApi.getPaths() == null) {
			problems.error(file, "",
					"is not an OpenAPI 3.0 or Swagger 2.0 document"
							+ ((result.getMessages() == null || result.getMessages().isEmpty()) ? ""
									: ": " + String.join("; ", result.getMessages())));
			return null;
		}
		Map<String, Object> extensions = (openApi.getExtensions() != null) ? openApi.getExtensions() : Map.of();
		ApiType type = HttpApiRules.typeOf(file, extensions, problems);
		AwsExtensions.check(extensions, AwsExtensions.Where.ROOT, file, "", problems, OpenApiReader::checkRootByValue);
		if (type == ApiType.HTTP) {
			HttpApiRules.checkRoot(file, extensions, problems);
		}
		HttpApiRules.inlineIntegrations(file, openApi, type, problems);
		ApiDeclaration declaration = new ApiDeclaration(file, type, extensions, problems, openApi,
				(rawDocument != null) ? rawDocument : Map.of());
		FeatureSettings.Builder features = FeatureSettings.builder();
		FeatureConfigs.installed().forEach(feature -> feature.readApi(declaration, features));
		if (openApi.getSecurity() != null && !openApi.getSecurity().isEmpty()) {
			problems.warn(file, "security", "root-level security is ignored, as AWS ignores it: methods are protected"
					+ " only by the security of their own operation");
		}
		Map<String, SecurityScheme> schemes = readSecuritySchemes(file, openApi, type, problems);
		List<ApiMethod> methods = new ArrayList<>();
		openApi.getPaths()
			.forEach((path, item) -> methods
				.addAll(readPath(file, path, item, openApi, schemes, declaration, problems)));
		if (methods.isEmpty()) {
			problems.error(file, "paths", "defines no methods");
		}
		String title = (openApi.getInfo() != null) ? openApi.getInfo().getTitle() : null;
		return new Document(title, methods,
				GatewayResponsesReader
					.read(ConfigNode.at(file, GATEWAY_RESPONSES, extensions.get(GATEWAY_RESPONSES), problems)),
				readBinaryMediaTypes(
						ConfigNode.at(file, BINARY_MEDIA_TYPES, extensions.get(BINARY_MEDIA_TYPES), problems)),
				readApiKeySource(ConfigNode.at(file, API_KEY_SOURCE, extensions.get(API_KEY_SOURCE), problems)),
				schemes, readPolicy(apiId, ConfigNode.at(file, POLICY, extensions.get(POLICY), problems)), type,
				features.build());
	}

	/**
	 * {@code x-amazon-apigateway-policy}: an object, or the JSON string AWS exports. The
	 * short resource form {@code execute-api:/stage/GET/pets} becomes
	 * {@code arn:aws:execute-api:*:*:<api-id>/stage/GET/pets}.
	 */
	private static PolicyDocument readPolicy(String apiId, ConfigNode node) {
		Object raw = node.raw();
		if (raw == null) {
			return null;
		}
		try {
			Object document = (raw instanceof String json) ? YamlFiles.safeYaml().load(json) : raw;
			return PolicyDocument.parse(document, resource -> resource.startsWith("execute-api:")
					? "arn:aws:execute-api:*:*:" + apiId + resource.substring("execute-api:".length()) : resource);
		}
		catch (IllegalArgumentException | org.yaml.snakeyaml.error.YAMLException ex) {
			node.error(ex.getMessage());
			return null;
		}
	}

	/**
	 * {@code x-amazon-apigateway-endpoint-configuration}: refused where AWS would not
	 * serve the API publicly.
	 */
	private static void checkRootByValue(AwsExtensions.Extension extension, ConfigNode node) {
		boolean isolated = Boolean.TRUE.equals(node.get("disableExecuteApiEndpoint").bool())
				|| !node.get("vpcEndpointIds").items().isEmpty();
		if (isolated) {
			AwsExtensions.refuse(node, "disableExecuteApiEndpoint or vpcEndpointIds",
					"the API would be served where AWS would not serve it");
		}
		else {
			AwsExtensions.ignore(node, "endpoint types", "every API is served on every address of the gateway");
		}
	}

	/**
	 * {@code x-amazon-apigateway-auth} on an operation: {@code NONE} is what Turnpike
	 * does; anything else is not.
	 */
	private static void checkOperationByValue(AwsExtensions.Extension extension, ConfigNode node) {
		String type = node.get("type").text();
		if (type == null || !type.equalsIgnoreCase("NONE")) {
			AwsExtensions.refuse(node, "type " + type, "without IAM authorization the method would be served open");
		}
	}

	private static Api.ApiKeySource readApiKeySource(ConfigNode node) {
		String text = node.text();
		if (text == null) {
			return Api.ApiKeySource.HEADER;
		}
		try {
			return Api.ApiKeySource.valueOf(text.trim().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			node.error("'" + text + "' is not HEADER or AUTHORIZER");
			return Api.ApiKeySource.HEADER;
		}
	}

	private Map<String, SecurityScheme> readSecuritySchemes(String file, OpenAPI openApi, ApiType type,
			Problems problems) {
		Map<String, SecurityScheme> schemes = new LinkedHashMap<>();
		if (openApi.getComponents() == null || openApi.getComponents().getSecuritySchemes() == null) {
			return schemes;
		}
		openApi.getComponents().getSecuritySchemes().forEach((name, scheme) -> {
			AwsExtensions.check(scheme.getExtensions(), AwsExtensions.Where.SECURITY_SCHEME, file,
					"securitySchemes." + name, problems, (extension, node) -> {
						// x-amazon-apigateway-authtype is a label; an IAM one is refused
						// where a method requires it
					});
			Object authorizer = (scheme.getExtensions() != null) ? scheme.getExtensions().get(AUTHORIZER) : null;
			AuthorizerSpec spec = (authorizer != null) ? AuthorizerReader.read(name, scheme.getName(),
					ConfigNode.at(file, "securitySchemes." + name + "." + AUTHORIZER, authorizer, problems),
					this.settings::cognitoIssuer, type) : null;
			schemes.put(name,
					new SecurityScheme(name, (scheme.getType() != null) ? scheme.getType().toString() : null,
							(scheme.getIn() != null) ? scheme.getIn().toString() : null, scheme.getName(), spec,
							isAwsIam(scheme.getExtensions())));
		});
		return schemes;
	}

	/**
	 * {@code x-amazon-apigateway-authtype: awsSigv4} (AWS reserves every {@code aws*}
	 * value for IAM).
	 */
	private static boolean isAwsIam(Map<String, Object> extensions) {
		Object authType = (extensions != null) ? extensions.get("x-amazon-apigateway-authtype") : null;
		return authType != null && String.valueOf(authType).toLowerCase(Locale.ROOT).startsWith("aws");
	}

	/**
	 * The document as its YAML or JSON reads, for features that need what the parser's
	 * model drops ({@code oneOf} and {@code type: "null"} in Swagger 2.0 models, which
	 * AWS's draft-4 validator still reads); empty when it is not a map, {@code null} when
	 * it is not YAML (swagger-parser then reports the syntax problem, with more detail).
	 */
	@SuppressWarnings("unchecked")
	private static Map<String, Object> rawDocument(String content) {
		try {
			Object document = YamlFiles.safeYaml().load(content);
			return (document instanceof Map<?, ?> root) ? (Map<String, Object>) root : Map.of();
		}
		catch (YAMLException | IllegalArgumentException ex) {
			return null;
		}
	}

	private List<ApiMethod> readPath(String file, String path, PathItem item, OpenAPI openApi,
			Map<String, SecurityScheme> schemes, ApiDeclaration api, Problems problems) {
		ApiType type = api.type();
		String location = "paths." + path;
		if (type == ApiType.HTTP && HttpApiRules.DEFAULT_ROUTE_PATH.equals(path)) {
			return HttpApiRules.defaultRoute(file, item, problems)
				.map(any -> readAnyMethod(file, ApiMethod.DEFAULT_ROUTE, location + "." + ANY_METHOD, List.of(), any,
						schemes, api, problems))
				.filter(java.util.Objects::nonNull)
				.map(List::of)
				.orElse(List.of());
		}
		if (!isValidResourcePath(path)) {
			problems.error(file, location,
					"'" + path + "' is not a valid resource path (segments of A-Z a-z 0-9 _ - . , :"
							+ " or a whole-segment {param}; a greedy {param+} only as the last segment)"
							+ (HttpApiRules.DEFAULT_ROUTE_PATH.equals(path)
									? "; a $default route belongs to an HTTP API, which its document marks with "
											+ HttpApiRules.IMPORT_EXPORT_VERSION + ": \"1.0\""
									: ""));
			return List.of();
		}
		AwsExtensions.check(item.getExtensions(), AwsExtensions.Where.PATH_ITEM, file, location, problems,
				(extension, node) -> {
				});
		List<MethodParameter> shared = readParameters(item.getParameters(), openApi);
		List<ApiMethod> methods = new ArrayList<>();
		item.readOperationsMap().forEach((httpMethod, operation) -> {
			String method = httpMethod.name();
			String operationLocation = location + "." + method.toLowerCase(Locale.ROOT);
			if ("TRACE".equals(method)) {
				problems.warn(file, operationLocation, "TRACE is not an API Gateway method; ignored");
				return;
			}
			AwsExtensions.check(operation.getExtensions(), AwsExtensions.Where.OPERATION, file, operationLocation,
					problems, OpenApiReader::checkOperationByValue);
			List<MethodParameter> parameters = new ArrayList<>(shared);
			parameters.addAll(readParameters(operation.getParameters(), openApi));
			List<SecurityRequirement> security = readSecurity(
					ConfigNode.at(file, operationLocation + ".security", toRaw(operation.getSecurity()), problems),
					schemes);
			ApiMethod apiMethod = readMethod(file, path, method, operationLocation, operation.getOperationId(),
					parameters, operation.getExtensions(), security, schemes, operation.getRequestBody(), api,
					problems);
			if (apiMethod != null) {
				methods.add(apiMethod);
			}
		});
		Object any = (item.getExtensions() != null) ? item.getExtensions().get(ANY_METHOD) : null;
		if (any != null) {
			ApiMethod apiMethod = readAnyMethod(file, path, location + "." + ANY_METHOD, shared, any, schemes, api,
					problems);
			if (apiMethod != null) {
				methods.add(apiMethod);
			}
		}
		return methods;
	}

	private ApiMethod readAnyMethod(String file, String path, String location, List<MethodParameter> shared, Object any,
			Map<String, SecurityScheme> schemes, ApiDeclaration api, Problems problems) {
		ApiType type = api.type();
		ConfigNode node = ConfigNode.at(file, location, any, problems);
		if (!node.isMap()) {
			node.error("must be an operation object");
			return null;
		}
		Map<String, Object> anyExtensions = new LinkedHashMap<>();
		node.entries().forEach((key, child) -> {
			if (!(type == ApiType.HTTP && HttpApiRules.IS_DEFAULT_ROUTE.equals(key))) {
				anyExtensions.put(key, child.raw());
			}
		});
		AwsExtensions.check(anyExtensions, AwsExtensions.Where.OPERATION, file, location, problems,
				OpenApiReader::checkOperationByValue);
		List<MethodParameter> parameters = new ArrayList<>(shared);
		for (ConfigNode parameter : node.get("parameters").items()) {
			RequestLocation in = toLocation(parameter.get("in").text());
			String name = parameter.get("name").text();
			if (in != null && name != null) {
				parameters.add(new MethodParameter(in, name, Boolean.TRUE.equals(parameter.get("required").bool())));
			}
		}
		return readMethod(file, path, "ANY", location, node.get("operationId").text(), parameters, anyExtensions,
				readSecurity(node.get("security"), schemes), schemes, null, api, problems);
	}

	private ApiMethod readMethod(String file, String path, String method, String location, String operationId,
			List<MethodParameter> parameters, Map<String, Object> extensions, List<SecurityRequirement> security,
			Map<String, SecurityScheme> schemes, io.swagger.v3.oas.models.parameters.RequestBody requestBody,
			ApiDeclaration api, Problems problems) {
		ApiType type = api.type();
		Map<String, Object> operationExtensions = (extensions != null) ? extensions : Map.of();
		ConfigNode node = ConfigNode.at(file, location + "." + INTEGRATION, operationExtensions.get(INTEGRATION),
				problems);
		if (node.isMissing()) {
			node.error("is missing: every method needs an integration");
			return null;
		}
		Integration integration = this.integrations.read(node, type);
		boolean apiKeyRequired = security.stream()
			.anyMatch(requirement -> schemes.containsKey(requirement.scheme())
					&& schemes.get(requirement.scheme()).isApiKey());
		if (integration == null) {
			return null;
		}
		if (type == ApiType.HTTP) {
			HttpApiRules.checkMethod(file, location, node, integration, apiKeyRequired, problems);
		}
		MethodDeclaration declaration = new MethodDeclaration(file, location, path, method, List.copyOf(parameters),
				node, operationExtensions, problems, type, api, requestBody);
		FeatureSettings.Builder features = FeatureSettings.builder();
		FeatureConfigs.installed().forEach(feature -> feature.readMethod(declaration, features));
		return new ApiMethod(path, method, location, operationId, List.copyOf(parameters), integration, security,
				apiKeyRequired, features.build());
	}

	/**
	 * The operation's {@code security}: a list of requirement objects, each naming
	 * schemes with their scopes.
	 */
	private static List<SecurityRequirement> readSecurity(ConfigNode node, Map<String, SecurityScheme> schemes) {
		List<SecurityRequirement> requirements = new ArrayList<>();
		for (ConfigNode requirement : node.items()) {
			requirement.entries().forEach((scheme, scopes) -> {
				if (!schemes.containsKey(scheme)) {
					scopes.error(
							"security scheme '" + scheme + "' is not defined in securitySchemes / securityDefinitions");
					return;
				}
				SecurityScheme defined = schemes.get(scheme);
				if (defined.awsIam()) {
					scopes.error("security scheme '" + scheme
							+ "' is AWS_IAM (x-amazon-apigateway-authtype: awsSigv4), which"
							+ " is not supported yet; refused rather than served without it");
					return;
				}
				if (!defined.isApiKey() && defined.authorizer() == null) {
					scopes.error("security scheme '" + scheme + "' is neither the x-api-key API key nor an"
							+ " x-amazon-apigateway-authorizer, so nothing would enforce it; refused rather than served open");
					return;
				}
				List<String> names = new ArrayList<>();
				scopes.items().forEach(scope -> names.add(scope.text()));
				requirements.add(new SecurityRequirement(scheme, List.copyOf(names)));
			});
		}
		return List.copyOf(requirements);
	}

	private static Object toRaw(List<io.swagger.v3.oas.models.security.SecurityRequirement> security) {
		if (security == null) {
			return null;
		}
		List<Object> raw = new ArrayList<>();
		security.forEach(requirement -> raw.add(new LinkedHashMap<String, Object>(requirement)));
		return raw;
	}

	private static List<MethodParameter> readParameters(List<Parameter> declared, OpenAPI openApi) {
		List<MethodParameter> parameters = new ArrayList<>();
		if (declared == null) {
			return parameters;
		}
		for (Parameter parameter : declared) {
			Parameter resolved = resolve(parameter, openApi);
			RequestLocation in = toLocation(resolved.getIn());
			if (in != null && resolved.getName() != null) {
				parameters
					.add(new MethodParameter(in, resolved.getName(), Boolean.TRUE.equals(resolved.getRequired())));
			}
		}
		return parameters;
	}

	private static Parameter resolve(Parameter parameter, OpenAPI openApi) {
		String ref = parameter.get$ref();
		if (ref == null || openApi.getComponents() == null || openApi.getComponents().getParameters() == null) {
			return parameter;
		}
		Parameter target = openApi.getComponents().getParameters().get(ref.substring(ref.lastIndexOf('/') + 1));
		return (target != null) ? target : parameter;
	}

	private static RequestLocation toLocation(String in) {
		if (in == null) {
			return null;
		}
		return switch (in) {
			case "path" -> RequestLocation.PATH;
			case "query" -> RequestLocation.QUERYSTRING;
			case "header" -> RequestLocation.HEADER;
			default -> null;
		};
	}

	static boolean isValidResourcePath(String path) {
		if ("/".equals(path)) {
			return true;
		}
		if (!path.startsWith("/") || path.endsWith("/")) {
			return false;
		}
		String[] segments = path.substring(1).split("/", -1);
		for (int i = 0; i < segments.length; i++) {
			boolean greedy = segments[i].endsWith("+}");
			if (!SEGMENT.matcher(segments[i]).matches() || (greedy && i != segments.length - 1)) {
				return false;
			}
		}
		return true;
	}

	private static List<String> readBinaryMediaTypes(ConfigNode node) {
		List<String> types = new ArrayList<>();
		for (ConfigNode item : node.items()) {
			String text = item.text();
			if (text != null) {
				types.add(text.replace("~1", "/").toLowerCase(Locale.ROOT));
			}
		}
		return List.copyOf(types);
	}

}
