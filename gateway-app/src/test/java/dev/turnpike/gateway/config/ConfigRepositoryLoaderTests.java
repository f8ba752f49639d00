package dev.turnpike.gateway.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.turnpike.gateway.config.model.Api;
import dev.turnpike.gateway.config.model.ApiMethod;
import dev.turnpike.gateway.config.model.GatewayConfig;
import dev.turnpike.gateway.config.model.IntegrationType;
import dev.turnpike.gateway.config.model.RequestLocation;
import dev.turnpike.gateway.config.model.ValueExpression;
import dev.turnpike.gateway.support.TestConfigRepo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Loading a config repo: what valid input becomes, and that every invalid input names its
 * file and field.
 */
class ConfigRepositoryLoaderTests {

	@TempDir
	Path dir;

	private final ConfigRepositoryLoader loader = new ConfigRepositoryLoader(LoaderSettings.defaults());

	private static final String VALID_API = """
			openapi: 3.0.1
			info: {title: Valid, version: "1"}
			paths:
			  /items/{id}:
			    get:
			      parameters:
			        - {name: id, in: path, required: true, schema: {type: string}}
			        - {name: X-Trace, in: header, schema: {type: string}}
			      x-amazon-apigateway-integration:
			        type: HTTP
			        httpMethod: post
			        uri: ${stageVariables.url}/items/{id}
			        timeoutInMillis: 1500
			        requestParameters:
			          integration.request.header.X-From: "'gateway'"
			          integration.request.querystring.trace: method.request.header.X-Trace
			        responses:
			          default: {statusCode: 200}
			""";

	private List<ConfigProblem> problems() {
		try {
			this.loader.load(this.dir);
		}
		catch (InvalidConfigException ex) {
			return ex.problems();
		}
		throw new AssertionError("expected the config repo to be invalid");
	}

	private static List<String> text(List<ConfigProblem> problems) {
		return problems.stream().map(ConfigProblem::toString).toList();
	}

	@Test
	void loadWhenValidThenModelHasMethodsIntegrationsAndStages() {
		TestConfigRepo.in(this.dir)
			.api("items", VALID_API)
			.stage("items", "prod", Map.of("url", "http://backend:8080"));

		GatewayConfig config = this.loader.load(this.dir).config();

		Api api = config.apis().get("items");
		assertThat(api.title()).isEqualTo("Valid");
		assertThat(api.file()).isEqualTo("apis/items/openapi.yaml");
		assertThat(api.stages().get("prod").variables()).isEqualTo(Map.of("url", "http://backend:8080"));
		ApiMethod method = api.methods().get(0);
		assertThat(method.resourcePath()).isEqualTo("/items/{id}");
		assertThat(method.httpMethod()).isEqualTo("GET");
		assertThat(method.parameters()).extracting(p -> p.location() + ":" + p.name() + ":" + p.required())
			.containsExactly("PATH:id:true", "HEADER:X-Trace:false");
		assertThat(method.integration().type()).isEqualTo(IntegrationType.HTTP);
		assertThat(method.integration().httpMethod()).isEqualTo("POST");
		assertThat(method.integration().timeoutMillis()).isEqualTo(1500);
		assertThat(method.integration().requestParameters())
			.extracting(m -> m.location() + ":" + m.name() + "=" + m.source())
			.containsExactly("HEADER:X-From=Static[value=gateway]",
					"QUERYSTRING:trace=" + new ValueExpression.MethodRequest(RequestLocation.HEADER, "X-Trace"));
		assertThat(method.integration().selectResponse("500").statusCode()).isEqualTo(200);
	}

	@Test
	void loadWhenIntegrationFieldsInvalidThenEachProblemNamesFileAndField() {
		TestConfigRepo.in(this.dir).api("bad", """
				openapi: 3.0.1
				info: {title: Bad, version: "1"}
				paths:
				  /a:
				    get:
				      x-amazon-apigateway-integration:
				        type: carrier-pigeon
				  /b:
				    get:
				      x-amazon-apigateway-integration:
				        type: http_proxy
				        uri: ftp://files
				        httpMethod: FETCH
				        timeoutInMillis: 60000
				        requestParameters:
				          integration.request.cookie.x: "'y'"
				          integration.request.header.X-A: method.request.nowhere.z
				        responses:
				          "([": {statusCode: 200}
				          default: {statusCode: 999}
				  /c:
				    get:
				      responses: {}
				  /d/{x}/{y+}/e:
				    get:
				      x-amazon-apigateway-integration: {type: mock}
				""").stage("bad", "prod", Map.of());

		assertThat(text(problems())).containsExactlyInAnyOrder(
				"apis/bad/openapi.yaml: paths./a.get.x-amazon-apigateway-integration.type: unknown integration type 'carrier-pigeon' (expected http, http_proxy, mock, aws or aws_proxy)",
				"apis/bad/openapi.yaml: paths./b.get.x-amazon-apigateway-integration.uri: 'ftp://files' must be an http:// or https:// URL with a host",
				"apis/bad/openapi.yaml: paths./b.get.x-amazon-apigateway-integration.httpMethod: 'FETCH' is not an HTTP method",
				"apis/bad/openapi.yaml: paths./b.get.x-amazon-apigateway-integration.timeoutInMillis: must be between 50 and 29000, not 60000",
				"apis/bad/openapi.yaml: paths./b.get.x-amazon-apigateway-integration.requestParameters.integration.request.cookie.x: 'integration.request.cookie.x' is not a valid target (expected integration.request.<header|querystring|path>.<name>)",
				"apis/bad/openapi.yaml: paths./b.get.x-amazon-apigateway-integration.requestParameters.integration.request.header.X-A: 'method.request.nowhere.z' is not a valid mapping source (expected 'static value', method.request.<path|querystring|header>.<name>, method.request.body, stageVariables.<name> or context.<name>)",
				"apis/bad/openapi.yaml: paths./b.get.x-amazon-apigateway-integration.responses.([: selection pattern '([' is not a valid regular expression: Unclosed character class",
				"apis/bad/openapi.yaml: paths./b.get.x-amazon-apigateway-integration.responses.default.statusCode: must be between 100 and 599, not 999",
				"apis/bad/openapi.yaml: paths./c.get.x-amazon-apigateway-integration: is missing: every method needs an integration",
				"apis/bad/openapi.yaml: paths./d/{x}/{y+}/e: '/d/{x}/{y+}/e' is not a valid resource path (segments of A-Z a-z 0-9 _ - . , : or a whole-segment {param}; a greedy {param+} only as the last segment)");
	}

	@Test
	void loadWhenTemplatesLambdaIntegrationsOrValidatorsAreInvalidThenEachProblemNamesFileAndField() {
		TestConfigRepo.in(this.dir).api("bad", """
				openapi: 3.0.1
				info: {title: Bad, version: "1"}
				x-amazon-apigateway-request-validators:
				  all: {validateRequestBody: true, validateRequestParameters: true}
				x-amazon-apigateway-request-validator: everything
				paths:
				  /template:
				    post:
				      x-amazon-apigateway-integration:
				        type: mock
				        requestTemplates:
				          application/json: "#foreach($x in )"
				  /s3:
				    get:
				      x-amazon-apigateway-integration:
				        type: aws
				        httpMethod: POST
				        uri: arn:aws:apigateway:us-east-1:s3:path/bucket/key
				  /lambda:
				    get:
				      x-amazon-apigateway-request-validator: some
				      x-amazon-apigateway-integration:
				        type: aws_proxy
				        httpMethod: GET
				        payloadFormatVersion: "3.0"
				        uri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/fn/invocations
				""").stage("bad", "prod", Map.of());

		assertThat(text(problems())).containsExactlyInAnyOrder(
				"apis/bad/openapi.yaml: x-amazon-apigateway-request-validator: names no validator in x-amazon-apigateway-request-validators (defined: [all])",
				"apis/bad/openapi.yaml: paths./template.post.x-amazon-apigateway-integration.requestTemplates.application/json: is not a valid mapping template: Too few arguments to the #foreach directive (line 1, column 9)",
				"apis/bad/openapi.yaml: paths./s3.get.x-amazon-apigateway-integration.uri: 'arn:aws:apigateway:us-east-1:s3:path/bucket/key' is not a Lambda invocation URI (expected arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/{functionArn}/invocations) (Turnpike supports Lambda integrations, not other AWS services)",
				"apis/bad/openapi.yaml: paths./lambda.get.x-amazon-apigateway-request-validator: names no validator in x-amazon-apigateway-request-validators (defined: [all])",
				"apis/bad/openapi.yaml: paths./lambda.get.x-amazon-apigateway-integration.httpMethod: must be POST for a Lambda integration (it is how the function is invoked, not the client's method)",
				"apis/bad/openapi.yaml: paths./lambda.get.x-amazon-apigateway-integration.payloadFormatVersion: '3.0' is not a payload format version (1.0 or 2.0)");
	}

	@Test
	void loadWhenStageFileInvalidThenProblemsNameStageFile() {
		TestConfigRepo.in(this.dir)
			.api("items", VALID_API)
			.write("apis/items/stages/prod.yaml",
					"variables:\n  url: http://ok\n  bad-name: x\n  spaces: has spaces\nthrottle: 5\n")
			.write("apis/items/stages/bad stage.yaml", "variables: {}\n")
			.write("apis/items/stages/broken.yaml", "variables: [unclosed\n");

		List<String> problems = text(problems());

		assertThat(problems).contains(
				"apis/items/stages/prod.yaml: variables.bad-name: stage variable names use A-Z a-z 0-9 _ and have at most 64 characters",
				"apis/items/stages/prod.yaml: variables.spaces: 'has spaces' is not a valid stage variable value (characters A-Z a-z 0-9 - . _ ~ : / ? # & = , at most 512)",
				"apis/items/stages/prod.yaml: throttle: is not a known setting (known: accessLog, cacheClusterEnabled, cacheClusterSize, caching, description, resilience, throttling, variables)",
				"apis/items/stages/bad stage.yaml: 'bad stage' is not a valid stage name (A-Z a-z 0-9 - _, at most 128)");
		assertThat(problems)
			.anySatisfy(p -> assertThat(p).startsWith("apis/items/stages/broken.yaml: is not valid YAML"));
	}

	@Test
	void loadWhenStageLacksVariableUsedInUriThenStageFileIsBlamed() {
		TestConfigRepo.in(this.dir).api("items", VALID_API).stage("items", "prod", Map.of("other", "x"));

		assertThat(text(problems())).containsExactly(
				"apis/items/stages/prod.yaml: variables: stage variable 'url' is not defined, but the integration uri of apis/items/openapi.yaml paths./items/{id}.get uses it");
	}

	@Test
	void loadWhenStageVariableMakesUriInvalidThenReported() {
		TestConfigRepo.in(this.dir).api("items", VALID_API).stage("items", "prod", Map.of("url", "not-a-url"));

		assertThat(text(problems())).containsExactly(
				"apis/items/stages/prod.yaml: variables: paths./items/{id}.get integration uri '${stageVariables.url}/items/{id}' becomes 'not-a-url/items/{id}' in this stage, which is not an http:// or https:// URL with a host");
	}

	@Test
	void loadWhenGatewayFileInvalidThenProblemsNameDomainAndBasePath() {
		TestConfigRepo.in(this.dir)
			.api("items", VALID_API)
			.stage("items", "prod", Map.of("url", "http://b"))
			.gatewayYaml("""
					domains:
					  api.example.com:
					    (none): items/prod
					    v1: items/nostage
					    v2: nosuchapi/prod
					    v3: just-a-name
					    bad path!: items/prod
					  "not a domain": {v1: items/prod}
					colour: blue
					""");

		assertThat(text(problems())).containsExactlyInAnyOrder(
				"gateway.yaml: colour: is not a known setting (known: domains)",
				"gateway.yaml: domains.api.example.com.v3: 'just-a-name' must name an API stage as <api-id>/<stage>",
				"gateway.yaml: domains.api.example.com.bad path!: 'bad path!' is not a valid base path (use (none) for the root, or segments of A-Z a-z 0-9 . _ -)",
				"gateway.yaml: domains.not a domain: 'not a domain' is not a valid domain name",
				"gateway.yaml: domains.api.example.com.v1: API 'items' has no stage 'nostage' (stages: prod)",
				"gateway.yaml: domains.api.example.com.v2: API 'nosuchapi' does not exist under apis/");
	}

	@Test
	void loadWhenApiFolderOrDocumentInvalidThenReported() {
		TestConfigRepo.in(this.dir)
			.api("Bad_Id", VALID_API)
			.write("apis/empty/README.md", "no document here")
			.write("apis/notopenapi/openapi.json", "{\"hello\": \"world\"}");

		List<String> problems = text(problems());

		assertThat(problems).contains(
				"apis/Bad_Id: 'Bad_Id' is not a valid API id: the folder name becomes a host name label, so use lower-case letters, digits and '-' (at most 63)",
				"apis/empty: has no openapi.yaml, openapi.yml or openapi.json");
		assertThat(problems).anySatisfy(p -> assertThat(p).isEqualTo(
				"apis/notopenapi/openapi.json: is not an OpenAPI 3.0 or Swagger 2.0 document: it has no 'openapi' or 'swagger' field"));
	}

	@Test
	void loadWhenResourcesConflictThenReported() {
		TestConfigRepo.in(this.dir).api("items", """
				openapi: 3.0.1
				info: {title: Conflict, version: "1"}
				paths:
				  /items/{id}:
				    get: {x-amazon-apigateway-integration: {type: mock}}
				  /items/{itemId}/parts:
				    get: {x-amazon-apigateway-integration: {type: mock}}
				""").stage("items", "prod", Map.of());

		assertThat(text(problems())).containsExactly(
				"apis/items/openapi.yaml: paths./items/{itemId}/parts.get: '/items/{itemId}' conflicts with its sibling '/items/{id}': a resource has at most one variable child");
	}

	@Test
	void loadWhenTimeoutAboveConfiguredMaximumThenRejectedAndBelowAccepted() {
		TestConfigRepo.in(this.dir).api("items", VALID_API).stage("items", "prod", Map.of("url", "http://b"));
		ConfigRepositoryLoader strict = new ConfigRepositoryLoader(new LoaderSettings(1000, 1000));

		assertThatExceptionOfType(InvalidConfigException.class).isThrownBy(() -> strict.load(this.dir))
			.satisfies(ex -> assertThat(text(ex.problems())).containsExactly(
					"apis/items/openapi.yaml: paths./items/{id}.get.x-amazon-apigateway-integration.timeoutInMillis: must be between 50 and 1000, not 1500"));
		ConfigRepositoryLoader generous = new ConfigRepositoryLoader(new LoaderSettings(29_000, 300_000));
		assertThat(generous.load(this.dir).config().apis()).containsKey("items");
	}

	@Test
	void loadWhenApiHasNoStagesThenWarnedNotFailed() {
		TestConfigRepo.in(this.dir).api("items", VALID_API);

		ConfigRepositoryLoader.Result result = this.loader.load(this.dir);

		assertThat(result.config().apis().get("items").stages()).isEmpty();
		assertThat(text(result.warnings()))
			.containsExactly("apis/items: has no stages/<stage>.yaml; the API is not served until it has one");
	}

	@Test
	void loadWhenDirectoryMissingThenReported() {
		assertThatExceptionOfType(InvalidConfigException.class)
			.isThrownBy(() -> this.loader.load(this.dir.resolve("nope")))
			.withMessageContaining("is not a directory");
	}

}
