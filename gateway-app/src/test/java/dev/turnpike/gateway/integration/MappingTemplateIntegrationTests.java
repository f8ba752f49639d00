package dev.turnpike.gateway.integration;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.turnpike.gateway.support.RunningGateway;
import dev.turnpike.gateway.support.TestConfigRepo;
import dev.turnpike.test.backend.RecordedRequest;
import dev.turnpike.test.backend.TestBackend;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mapping templates through real {@code http} and {@code mock} integrations: request
 * templates chosen by Content-Type and AWS's passthrough table, response templates chosen
 * by Accept, overrides, body mappings, selection by backend status, and a runaway
 * template answered 500 without reaching the backend.
 */
class MappingTemplateIntegrationTests {

	private static final String API = """
			openapi: 3.0.1
			info: {title: Templates, version: "1"}
			paths:
			  /pets/{petId}:
			    post:
			      x-amazon-apigateway-integration:
			        type: http
			        httpMethod: POST
			        uri: "${stageVariables.backend}/store/{id}"
			        requestParameters:
			          integration.request.path.id: method.request.path.petId
			          integration.request.header.X-Pet-Name: method.request.body.pet.name
			        requestTemplates:
			          application/json: |
			            #set($pet = $input.path('$.pet'))
			            {
			              "name": "$util.escapeJavaScript($pet.name)",
			              "legs": $pet.legs,
			              "tagCount": $input.path('$.pet.tags').size(),
			              "tags": $input.json('$.pet.tags'),
			              "petId": "$input.params('petId')",
			              "color": "$input.params('color')",
			              "requestId": "$context.requestId",
			              "stage": "$context.stage",
			              "env": "$stageVariables.env"
			            }
			          application/x-www-form-urlencoded: |
			            {"raw": "$util.urlDecode($input.body)"}
			        responses:
			          "4\\\\d{2}":
			            statusCode: "404"
			            responseTemplates:
			              application/json: '{"error": "$input.path(''$.reason'')", "requestId": "$context.requestId"}'
			          default:
			            statusCode: "200"
			            responseParameters:
			              method.response.header.X-Order: integration.response.body.order.id
			            responseTemplates:
			              application/json: '{"orderId": "$input.path(''$.order.id'')", "items": $input.path(''$.order.items'').size()}'
			              application/xml: '<order id="$input.path(''$.order.id'')"/>'
			  /overrides/{id}:
			    post:
			      x-amazon-apigateway-integration:
			        type: http
			        httpMethod: POST
			        uri: "${stageVariables.backend}/override/{id}"
			        requestParameters:
			          integration.request.path.id: method.request.path.id
			        requestTemplates:
			          application/json: |
			            #set($context.requestOverride.header.X-Tenant = "acme")
			            #set($context.requestOverride.querystring.page = "2")
			            #set($context.requestOverride.path.id = "overridden")
			            {}
			        responses:
			          default:
			            statusCode: "200"
			            responseTemplates:
			              application/json: |
			                #set($context.responseOverride.status = 201)
			                #set($context.responseOverride.header.X-Created = "yes")
			                {"created": true}
			  /runaway:
			    post:
			      x-amazon-apigateway-integration:
			        type: http
			        httpMethod: POST
			        uri: "${stageVariables.backend}/runaway"
			        requestTemplates:
			          application/json: "#foreach($a in [1..1000])#foreach($b in [1..1000])#foreach($c in [1..1000])#set($x = 1)#end#end#end"
			        responses:
			          default: {statusCode: "200"}
			  /when-no-match:
			    post:
			      x-amazon-apigateway-integration:
			        type: http
			        httpMethod: POST
			        uri: "${stageVariables.backend}/pass"
			        passthroughBehavior: when_no_match
			        requestTemplates:
			          application/json: '{"templated": true}'
			        responses:
			          default: {statusCode: "200"}
			  /when-no-templates:
			    post:
			      x-amazon-apigateway-integration:
			        type: http
			        httpMethod: POST
			        uri: "${stageVariables.backend}/pass"
			        passthroughBehavior: when_no_templates
			        requestTemplates:
			          application/json: '{"templated": true}'
			        responses:
			          default: {statusCode: "200"}
			  /when-no-templates-none:
			    post:
			      x-amazon-apigateway-integration:
			        type: http
			        httpMethod: POST
			        uri: "${stageVariables.backend}/pass"
			        passthroughBehavior: when_no_templates
			        responses:
			          default: {statusCode: "200"}
			  /never:
			    post:
			      x-amazon-apigateway-integration:
			        type: http
			        httpMethod: POST
			        uri: "${stageVariables.backend}/pass"
			        passthroughBehavior: never
			        requestTemplates:
			          application/json: '{"templated": true}'
			        responses:
			          default: {statusCode: "200"}
			  /never-none:
			    post:
			      x-amazon-apigateway-integration:
			        type: http
			        httpMethod: POST
			        uri: "${stageVariables.backend}/pass"
			        passthroughBehavior: never
			        responses:
			          default: {statusCode: "200"}
			  /context/{item}:
			    get:
			      x-amazon-apigateway-integration:
			        type: mock
			        requestTemplates:
			          application/json: '{"statusCode": 200}'
			        responses:
			          default:
			            statusCode: "200"
			            responseTemplates:
			              application/json: |
			                {"accountId": "$context.accountId", "apiId": "$context.apiId", "domainName": "$context.domainName",
			                 "domainPrefix": "$context.domainPrefix", "extendedRequestId": "$context.extendedRequestId",
			                 "httpMethod": "$context.httpMethod", "path": "$context.path", "protocol": "$context.protocol",
			                 "requestId": "$context.requestId", "requestTime": "$context.requestTime",
			                 "requestTimeEpoch": "$context.requestTimeEpoch", "resourceId": "$context.resourceId",
			                 "resourcePath": "$context.resourcePath", "stage": "$context.stage",
			                 "sourceIp": "$context.identity.sourceIp", "userAgent": "$context.identity.userAgent",
			                 "principal": "[$context.authorizer.principalId]", "item": "$input.params('item')"}
			  /mock:
			    get:
			      x-amazon-apigateway-integration:
			        type: mock
			        requestTemplates:
			          application/json: |
			            #if($input.params('fail') == "yes")
			            {"statusCode": 503}
			            #else
			            {"statusCode": 200}
			            #end
			        responses:
			          "5\\\\d{2}":
			            statusCode: "503"
			            responseTemplates:
			              application/json: '{"message": "down for $input.params(''who'')"}'
			          default:
			            statusCode: "200"
			            responseTemplates:
			              application/json: '{"hello": "$input.params(''who'')", "stage": "$context.stage", "ip": "$context.identity.sourceIp"}'
			""";

	@TempDir
	static Path configDir;

	static TestBackend backend;

	static RunningGateway gateway;

	@BeforeAll
	static void start() {
		backend = TestBackend.start();
		TestConfigRepo.in(configDir)
			.api("templates", API)
			.stage("templates", "prod", Map.of("backend", backend.baseUrl(), "env", "production"));
		gateway = RunningGateway.start(configDir, "turnpike.templates.max-render-time=300ms");
	}

	@AfterAll
	static void stop() {
		gateway.close();
		backend.close();
	}

	@BeforeEach
	void reset() {
		backend.reset();
		backend.respond("/store", TestBackend.Response.json(200,
				"{\"order\":{\"id\":\"o-17\",\"items\":[{\"sku\":\"a\"},{\"sku\":\"b\"}]}}"));
		backend.respond("/override", TestBackend.Response.json(200, "{}"));
		backend.respond("/pass", TestBackend.Response.json(200, "{}"));
	}

	private static WebTestClient.RequestBodySpec post(String path) {
		return gateway.api("templates").post().uri(path);
	}

	@Test
	void requestTemplateTransformsTheBodyWithInputContextUtilAndStageVariables() {
		post("/prod/pets/42?color=brown").contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"pet\":{\"name\":\"Rex \\\"the\\\" dog\",\"legs\":4,\"tags\":[\"good\",\"loud\"]}}")
			.exchange()
			.expectStatus()
			.isOk();

		RecordedRequest request = backend.lastRequest();
		assertThat(request.path()).isEqualTo("/store/42");
		assertThat(request.header("Content-Type")).isEqualTo("application/json");
		assertThat(request.header("X-Pet-Name")).isEqualTo("Rex \"the\" dog");
		String body = request.bodyAsString();
		assertThat(body).contains("\"name\": \"Rex \\\"the\\\" dog\"", "\"legs\": 4", "\"tagCount\": 2",
				"\"tags\": [\"good\",\"loud\"]", "\"petId\": \"42\"", "\"color\": \"brown\"", "\"stage\": \"prod\"",
				"\"env\": \"production\"");
		assertThat(body).doesNotContain("$").containsPattern("\"requestId\": \"[0-9a-f-]{36}\"");
	}

	@Test
	void templateIsChosenByMimeTypeAndAJsonTemplateServesRequestsWithoutContentType() {
		post("/prod/pets/1").header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
			.bodyValue("a=b%20c")
			.exchange()
			.expectStatus()
			.isOk();
		assertThat(backend.lastRequest().bodyAsString()).isEqualTo("{\"raw\": \"a=b c\"}\n");
		assertThat(backend.lastRequest().header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");

		post("/prod/pets/1").bodyValue("{\"pet\":{\"name\":\"n\",\"legs\":2,\"tags\":[]}}".getBytes())
			.exchange()
			.expectStatus()
			.isOk();
		assertThat(backend.lastRequest().bodyAsString()).contains("\"legs\": 2");
	}

	@Test
	void responseTemplateIsChosenByAcceptFallingBackToTheFirstDefined() {
		String pet = "{\"pet\":{\"name\":\"n\",\"legs\":2,\"tags\":[]}}";
		post("/prod/pets/1").contentType(MediaType.APPLICATION_JSON)
			.bodyValue(pet)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("Content-Type", "application/json")
			.expectHeader()
			.valueEquals("X-Order", "o-17")
			.expectBody(String.class)
			.isEqualTo("{\"orderId\": \"o-17\", \"items\": 2}");
		post("/prod/pets/1").contentType(MediaType.APPLICATION_JSON)
			.accept(MediaType.APPLICATION_XML)
			.bodyValue(pet)
			.exchange()
			.expectHeader()
			.valueEquals("Content-Type", "application/xml")
			.expectBody(String.class)
			.isEqualTo("<order id=\"o-17\"/>");
		post("/prod/pets/1").contentType(MediaType.APPLICATION_JSON)
			.accept(MediaType.TEXT_HTML)
			.bodyValue(pet)
			.exchange()
			.expectHeader()
			.valueEquals("Content-Type", "application/json")
			.expectBody(String.class)
			.isEqualTo("{\"orderId\": \"o-17\", \"items\": 2}");
	}

	@Test
	void backendStatusSelectsTheErrorResponseAndItsTemplate() {
		backend.respond("/store", TestBackend.Response.json(409, "{\"reason\":\"sold out\"}"));

		post("/prod/pets/1").contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"pet\":{\"legs\":1,\"tags\":[]}}")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectBody(String.class)
			.value(body -> assertThat(body).startsWith("{\"error\": \"sold out\", \"requestId\": \""));
	}

	@Test
	void overridesChangeTheIntegrationRequestAndTheMethodResponse() {
		post("/prod/overrides/original").contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{}")
			.exchange()
			.expectStatus()
			.isCreated()
			.expectHeader()
			.valueEquals("X-Created", "yes")
			.expectBody(String.class)
			.isEqualTo("{\"created\": true}\n");

		RecordedRequest request = backend.lastRequest();
		assertThat(request.path()).isEqualTo("/override/overridden");
		assertThat(request.rawQuery()).isEqualTo("page=2");
		assertThat(request.header("X-Tenant")).isEqualTo("acme");
	}

	@Test
	void runawayTemplateIsStoppedWith500AndNeverReachesTheBackend() {
		post("/prod/runaway").contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{}")
			.exchange()
			.expectStatus()
			.isEqualTo(500)
			.expectBody()
			.json("{\"message\":\"Internal server error\"}", true);
		assertThat(backend.requestCount()).isZero();
	}

	@Test
	void passthroughBehaviorsFollowAwsTable() {
		// a Content-Type no template matches, while templates exist
		expectPassedThrough("/prod/when-no-match");
		expectUnsupported("/prod/when-no-templates");
		expectUnsupported("/prod/never");
		// no templates at all
		expectPassedThrough("/prod/when-no-templates-none");
		expectUnsupported("/prod/never-none");
		// a matching template is used whatever the behavior
		post("/prod/never").contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"x\":1}")
			.exchange()
			.expectStatus()
			.isOk();
		assertThat(backend.lastRequest().bodyAsString()).isEqualTo("{\"templated\": true}");
	}

	private static void expectPassedThrough(String path) {
		backend.reset();
		backend.respond("/pass", TestBackend.Response.json(200, "{}"));
		post(path).contentType(MediaType.TEXT_PLAIN).bodyValue("plain words").exchange().expectStatus().isOk();
		assertThat(backend.lastRequest().bodyAsString()).as(path).isEqualTo("plain words");
		assertThat(backend.lastRequest().header("Content-Type")).as(path).startsWith("text/plain");
	}

	private static void expectUnsupported(String path) {
		backend.reset();
		post(path).contentType(MediaType.TEXT_PLAIN)
			.bodyValue("plain words")
			.exchange()
			.expectStatus()
			.isEqualTo(415)
			.expectHeader()
			.valueEquals("x-amzn-ErrorType", "BadRequestException")
			.expectBody()
			.json("{\"message\":\"Unsupported Media Type\"}", true);
		assertThat(backend.requestCount()).as(path).isZero();
	}

	@Test
	void contextVariablesAreAllPopulatedInTemplates() {
		gateway.api("templates")
			.get()
			.uri("/prod/context/pen")
			.header("User-Agent", "template-test/1")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.accountId")
			.isEqualTo("000000000000")
			.jsonPath("$.apiId")
			.isEqualTo("templates")
			.jsonPath("$.domainName")
			.isEqualTo("templates.execute-api.turnpike.test")
			.jsonPath("$.domainPrefix")
			.isEqualTo("templates")
			.jsonPath("$.extendedRequestId")
			.value(value -> assertThat((String) value).isNotBlank())
			.jsonPath("$.httpMethod")
			.isEqualTo("GET")
			.jsonPath("$.path")
			.isEqualTo("/prod/context/pen")
			.jsonPath("$.protocol")
			.isEqualTo("HTTP/1.1")
			.jsonPath("$.requestId")
			.value(value -> assertThat((String) value).hasSize(36))
			.jsonPath("$.requestTime")
			.value(value -> assertThat((String) value).matches("\\d{2}/\\w{3}/\\d{4}:\\d{2}:\\d{2}:\\d{2} \\+0000"))
			.jsonPath("$.requestTimeEpoch")
			.value(value -> assertThat(Long.parseLong((String) value)).isPositive())
			.jsonPath("$.resourceId")
			.value(value -> assertThat((String) value).hasSize(6))
			.jsonPath("$.resourcePath")
			.isEqualTo("/context/{item}")
			.jsonPath("$.stage")
			.isEqualTo("prod")
			.jsonPath("$.sourceIp")
			.isEqualTo("127.0.0.1")
			.jsonPath("$.userAgent")
			.isEqualTo("template-test/1")
			.jsonPath("$.principal")
			.isEqualTo("[]")
			.jsonPath("$.item")
			.isEqualTo("pen");
	}

	@Test
	void mockIntegrationRendersItsTemplatesAndTheRequestTemplatePicksTheStatus() {
		gateway.api("templates")
			.get()
			.uri("/prod/mock?who=ann")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.json("{\"hello\":\"ann\",\"stage\":\"prod\",\"ip\":\"127.0.0.1\"}", true);
		gateway.api("templates")
			.get()
			.uri("/prod/mock?who=ann&fail=yes")
			.exchange()
			.expectStatus()
			.isEqualTo(503)
			.expectBody()
			.json("{\"message\":\"down for ann\"}", true);
	}

}
