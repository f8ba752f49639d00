package dev.turnpike.gateway.httpapi;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.turnpike.gateway.config.ConfigProblem;
import dev.turnpike.gateway.config.ConfigRepositoryLoader;
import dev.turnpike.gateway.config.InvalidConfigException;
import dev.turnpike.gateway.config.LoaderSettings;
import dev.turnpike.gateway.config.model.Api;
import dev.turnpike.gateway.config.model.ApiMethod;
import dev.turnpike.gateway.config.model.ApiType;
import dev.turnpike.gateway.support.TestConfigRepo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * How the loader tells an HTTP API from a REST API, and what it refuses of each: REST
 * features an HTTP API asks for, and HTTP API parts in a REST API, each named by file and
 * field.
 */
class HttpApiConfigTests {

	@TempDir
	Path dir;

	private static final String HTTP_API = """
			openapi: "3.0.1"
			info: {title: shop, version: "1"}
			x-amazon-apigateway-importexport-version: "1.0"
			paths:
			  /items:
			    get:
			      x-amazon-apigateway-integration: {type: http_proxy, httpMethod: GET, uri: "http://shop.test/items", payloadFormatVersion: "1.0"}
			  /fn:
			    post:
			      x-amazon-apigateway-integration: {type: aws_proxy, httpMethod: POST, uri: "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/fn/invocations"}
			  /$default:
			    x-amazon-apigateway-any-method:
			      isDefaultRoute: true
			      x-amazon-apigateway-integration: {type: http_proxy, httpMethod: ANY, uri: "http://shop.test"}
			""";

	private Api load(String document, String stage) {
		TestConfigRepo.in(this.dir).api("shop", document).write("apis/shop/stages/" + stage + ".yaml", "{}\n");
		return new ConfigRepositoryLoader(LoaderSettings.defaults()).load(this.dir).config().apis().get("shop");
	}

	private List<String> problems(String document, String stage, String stageYaml) {
		TestConfigRepo.in(this.dir).api("shop", document).write("apis/shop/stages/" + stage + ".yaml", stageYaml);
		InvalidConfigException ex = catchThrowableOfType(InvalidConfigException.class,
				() -> new ConfigRepositoryLoader(LoaderSettings.defaults()).load(this.dir));
		assertThat(ex).as("the config repo should be refused").isNotNull();
		return ex.problems().stream().map(ConfigProblem::toString).toList();
	}

	@Test
	void anExportIsAnHttpApiWithItsDefaultRouteAndStageAndLambdaPayload20ByDefault() {
		Api api = load(HTTP_API, "$default");

		assertThat(api.type()).isEqualTo(ApiType.HTTP);
		assertThat(api.stages()).containsOnlyKeys("$default");
		assertThat(api.methods()).extracting(ApiMethod::routeKey)
			.containsExactlyInAnyOrder("GET /items", "POST /fn", "$default");
		ApiMethod fn = api.methods().stream().filter(m -> m.resourcePath().equals("/fn")).findFirst().orElseThrow();
		assertThat(fn.integration().payloadFormatVersion()).isEqualTo("2.0");
	}

	@Test
	void theExplicitSettingMakesAnHttpApiAndADocumentWithoutEitherStaysRest() {
		assertThat(
				load(HTTP_API.replace("x-amazon-apigateway-importexport-version: \"1.0\"", "x-turnpike-api-type: http"),
						"prod")
					.type())
			.isEqualTo(ApiType.HTTP);
		String rest = HTTP_API.replace("x-amazon-apigateway-importexport-version: \"1.0\"\n", "").replace("""
				  /$default:
				    x-amazon-apigateway-any-method:
				      isDefaultRoute: true
				      x-amazon-apigateway-integration: {type: http_proxy, httpMethod: ANY, uri: "http://shop.test"}
				""", "");
		Api api = load(rest, "prod");
		assertThat(api.type()).isEqualTo(ApiType.REST);
		ApiMethod fn = api.methods().stream().filter(m -> m.resourcePath().equals("/fn")).findFirst().orElseThrow();
		assertThat(fn.integration().payloadFormatVersion()).isEqualTo("1.0");
	}

	@Test
	void restApiFeaturesInAnHttpApiAreRefusedNamingFileAndField() {
		String document = HTTP_API.replace("paths:\n", """
				x-amazon-apigateway-api-key-source: HEADER
				x-amazon-apigateway-gateway-responses: {DEFAULT_4XX: {statusCode: 400}}
				paths:
				  /mocked:
				    get:
				      security: [{key: []}]
				      x-amazon-apigateway-integration:
				        type: mock
				        requestTemplates: {application/json: '{"statusCode": 200}'}
				        responses: {default: {statusCode: 200}}
				  /mapped:
				    get:
				      x-amazon-apigateway-integration:
				        type: http_proxy
				        httpMethod: GET
				        uri: http://shop.test/mapped
				        requestParameters: {"overwrite:header.x-tenant": "$request.header.x-org"}
				""") + """
				components:
				  securitySchemes:
				    key: {type: apiKey, name: x-api-key, in: header}
				""";

		assertThat(problems(document, "$default", "cacheClusterEnabled: true\n")).containsExactlyInAnyOrder(
				"apis/shop/openapi.yaml: x-amazon-apigateway-api-key-source: is a REST API feature; this document is an"
						+ " HTTP API (HTTP APIs have no API keys or usage plans)",
				"apis/shop/openapi.yaml: x-amazon-apigateway-gateway-responses: is a REST API feature; this document is"
						+ " an HTTP API (HTTP APIs answer errors with fixed bodies)",
				"apis/shop/openapi.yaml: paths./mocked.get.x-amazon-apigateway-integration.type: 'mock' is a REST API"
						+ " integration type; an HTTP API route integrates with http_proxy or aws_proxy (Lambda)",
				"apis/shop/openapi.yaml: paths./mocked.get.x-amazon-apigateway-integration.requestTemplates: mapping"
						+ " templates (VTL) are a REST API feature; HTTP APIs do not transform bodies",
				"apis/shop/openapi.yaml: paths./mocked.get.x-amazon-apigateway-integration.responses: integration"
						+ " responses are a REST API feature; HTTP APIs pass the backend's answer through",
				"apis/shop/openapi.yaml: paths./mocked.get.security: requires an API key; HTTP APIs have no API keys or"
						+ " usage plans (throttle with the stage's throttling instead)",
				"apis/shop/stages/$default.yaml: cacheClusterEnabled: API caching is a REST API feature;"
						+ " apis/shop/openapi.yaml is an HTTP API, which AWS does not cache");
	}

	@Test
	void httpApiPartsInARestApiAreRefusedWithWhatWouldMakeThemWork() {
		String rest = HTTP_API.replace("x-amazon-apigateway-importexport-version: \"1.0\"\n", "");
		assertThat(problems(rest, "$default", "{}\n")).containsExactlyInAnyOrder(
				"apis/shop/openapi.yaml: paths./$default: '/$default' is not a valid resource path (segments of A-Z a-z"
						+ " 0-9 _ - . , : or a whole-segment {param}; a greedy {param+} only as the last segment); a"
						+ " $default route belongs to an HTTP API, which its document marks with"
						+ " x-amazon-apigateway-importexport-version: \"1.0\"",
				"apis/shop/stages/$default.yaml: the $default stage is an HTTP API's; a REST API's stage names use A-Z"
						+ " a-z 0-9 - _");
	}

	@Test
	void anHttpApiHasRequestAndJwtAuthorizersAndSimpleResponsesComeWithPayload20() {
		String document = HTTP_API + """
				components:
				  securitySchemes:
				    token:
				      type: apiKey
				      name: Authorization
				      in: header
				      x-amazon-apigateway-authorizer:
				        type: token
				        authorizerUri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/fn/invocations
				    simple:
				      type: apiKey
				      name: Authorization
				      in: header
				      x-amazon-apigateway-authorizer:
				        type: request
				        identitySource: $request.header.Authorization
				        authorizerUri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/fn/invocations
				        authorizerPayloadFormatVersion: "1.0"
				        enableSimpleResponses: true
				""";
		assertThat(problems(document, "$default", "{}\n")).containsExactlyInAnyOrder(
				"apis/shop/openapi.yaml: securitySchemes.token.x-amazon-apigateway-authorizer.type: 'token' is a REST"
						+ " API authorizer type; an HTTP API's authorizers are request (Lambda) and jwt",
				"apis/shop/openapi.yaml: securitySchemes.simple.x-amazon-apigateway-authorizer.enableSimpleResponses:"
						+ " simple responses come with payload 2.0 only (authorizerPayloadFormatVersion: \"2.0\")");
	}

	@Test
	void stagesUnderscoreDefaultStandsForTheDefaultStageOfAnHttpApiOnly() {
		assertThat(load(HTTP_API, "_default").stages()).containsOnlyKeys("$default");
		assertThat(load(HTTP_API, "_default").stages().get("$default").name()).isEqualTo("$default");

		String rest = HTTP_API.replace("x-amazon-apigateway-importexport-version: \"1.0\"\n", "").replace("""
				  /$default:
				    x-amazon-apigateway-any-method:
				      isDefaultRoute: true
				      x-amazon-apigateway-integration: {type: http_proxy, httpMethod: ANY, uri: "http://shop.test"}
				""", "");
		assertThat(load(rest, "_default").stages()).containsOnlyKeys("_default");
	}

	@Test
	void aDefaultStageFileAndItsAliasTogetherAreRefused() {
		TestConfigRepo.in(this.dir).write("apis/shop/stages/_default.yaml", "{}\n");
		assertThat(problems(HTTP_API, "$default", "{}\n")).containsExactly("apis/shop/stages/_default.yaml: is the"
				+ " $default stage too (stages/_default.yaml stands for stages/$default.yaml); keep one of the two");
	}

	@Test
	void sharedIntegrationsAreResolvedLocallyAndAReferenceToNothingIsRefused() {
		String shared = HTTP_API.replace(
				"x-amazon-apigateway-integration: {type: http_proxy, httpMethod: GET, uri: \"http://shop.test/items\", payloadFormatVersion: \"1.0\"}",
				"x-amazon-apigateway-integration: {$ref: \"#/components/x-amazon-apigateway-integrations/items\"}")
				+ """
						components:
						  x-amazon-apigateway-integrations:
						    items: {type: http_proxy, httpMethod: GET, uri: "http://shop.test/shared-items"}
						""";
		Api api = load(shared, "$default");
		assertThat(api.methods()
			.stream()
			.filter(m -> m.resourcePath().equals("/items"))
			.findFirst()
			.orElseThrow()
			.integration()
			.uri()).isEqualTo("http://shop.test/shared-items");

		assertThat(problems(shared.replace("integrations/items\"", "integrations/nothing\""), "$default", "{}\n"))
			.contains("apis/shop/openapi.yaml: paths./items.get.x-amazon-apigateway-integration.$ref:"
					+ " '#/components/x-amazon-apigateway-integrations/nothing' names no integration under"
					+ " components.x-amazon-apigateway-integrations");
	}

	@Test
	void requestValidationInAnHttpApiIsRefused() {
		String document = HTTP_API.replace("paths:\n",
				"""
						x-amazon-apigateway-request-validators: {all: {validateRequestBody: true, validateRequestParameters: true}}
						paths:
						  /checked:
						    get:
						      x-amazon-apigateway-request-validator: all
						      x-amazon-apigateway-integration: {type: http_proxy, httpMethod: GET, uri: "http://shop.test/checked"}
						""");
		assertThat(problems(document, "$default", "{}\n")).containsExactlyInAnyOrder(
				"apis/shop/openapi.yaml: x-amazon-apigateway-request-validators: is a REST API feature; this document"
						+ " is an HTTP API (HTTP APIs do not validate requests)",
				"apis/shop/openapi.yaml: paths./checked.get.x-amazon-apigateway-request-validator: request validation"
						+ " is a REST API feature; HTTP APIs do not validate requests");
	}

	@Test
	void theDefaultRouteIsDeclaredOnlyAsAnyMethod() {
		String document = HTTP_API.replace("""
				    x-amazon-apigateway-any-method:
				      isDefaultRoute: true
				      x-amazon-apigateway-integration: {type: http_proxy, httpMethod: ANY, uri: "http://shop.test"}
				""", """
				    get:
				      x-amazon-apigateway-integration: {type: http_proxy, httpMethod: GET, uri: "http://shop.test"}
				""");
		assertThat(problems(document, "$default", "{}\n"))
			.containsExactly("apis/shop/openapi.yaml: paths./$default: the $default route matches every method:"
					+ " declare it only with x-amazon-apigateway-any-method, not with [GET]");
	}

}
