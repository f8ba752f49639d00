package dev.turnpike.gateway.httpapi;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

import dev.turnpike.gateway.support.RunningGateway;
import dev.turnpike.gateway.support.TestConfigRepo;
import dev.turnpike.test.backend.RecordedRequest;
import dev.turnpike.test.backend.TestBackend;
import dev.turnpike.test.lambda.TestLambdaServer;
import dev.turnpike.test.lambda.TestLambdaServer.Reply;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * HTTP APIs over real HTTP, from documents shaped as {@code aws apigatewayv2 export-api}
 * writes them: route precedence as AWS documents it, the {@code $default} route and
 * stage, 404 {@code Not Found} without either, the {@code apigw-requestid} header, fixed
 * error bodies, and Lambda payload 2.0 by default (read back with
 * {@code aws-lambda-java-events}' {@code APIGatewayV2HTTPEvent}).
 */
class HttpApiTests {

	private static final String LAMBDA_URI = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
			+ "arn:aws:lambda:us-east-1:123456789012:function:%s/invocations";

	/** AWS's route-selection example: four routes that overlap. */
	private static final String PETS = """
			openapi: "3.0.1"
			info: {title: pets, version: "2026-12-02 10:00:00UTC"}
			x-amazon-apigateway-importexport-version: "1.0"
			paths:
			  /pets/dog/1:
			    get:
			      x-amazon-apigateway-integration: {type: http_proxy, httpMethod: GET, uri: "${stageVariables.backend}/exact", payloadFormatVersion: "1.0", connectionType: INTERNET}
			  /pets/dog/{id}:
			    get:
			      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
			      x-amazon-apigateway-integration: {type: http_proxy, httpMethod: GET, uri: "${stageVariables.backend}/dog/{id}", payloadFormatVersion: "1.0"}
			  /pets/{proxy+}:
			    get:
			      parameters: [{name: proxy+, in: path, required: true, schema: {type: string}}]
			      x-amazon-apigateway-integration: {type: http_proxy, httpMethod: GET, uri: "${stageVariables.backend}/greedy/{proxy}", payloadFormatVersion: "1.0"}
			  /{proxy+}:
			    x-amazon-apigateway-any-method:
			      parameters: [{name: proxy+, in: path, required: true, schema: {type: string}}]
			      x-amazon-apigateway-integration: {type: http_proxy, httpMethod: ANY, uri: "${stageVariables.backend}/any/{proxy}", payloadFormatVersion: "1.0"}
			  /lambda/{name}:
			    post:
			      x-amazon-apigateway-integration: {type: aws_proxy, httpMethod: POST, uri: "%s"}
			  /broken:
			    get:
			      x-amazon-apigateway-integration: {type: aws_proxy, httpMethod: POST, uri: "%s"}
			"""
		.formatted(LAMBDA_URI.formatted("echo"), LAMBDA_URI.formatted("broken"));

	/** One route and the $default route, served on the $default stage and on dev. */
	private static final String SHOP = """
			openapi: "3.0.1"
			info: {title: shop, version: "1"}
			x-amazon-apigateway-importexport-version: "1.0"
			paths:
			  /items:
			    get:
			      x-amazon-apigateway-integration: {type: http_proxy, httpMethod: GET, uri: "${stageVariables.backend}/items", payloadFormatVersion: "1.0"}
			  /$default:
			    x-amazon-apigateway-any-method:
			      isDefaultRoute: true
			      x-amazon-apigateway-integration: {type: http_proxy, httpMethod: ANY, uri: "${stageVariables.backend}", payloadFormatVersion: "1.0"}
			""";

	/** One route, no $default route, one named stage: everything else is 404. */
	private static final String BARE = """
			openapi: "3.0.1"
			info: {title: bare, version: "1"}
			x-turnpike-api-type: http
			paths:
			  /items:
			    get:
			      x-amazon-apigateway-integration: {type: http_proxy, httpMethod: GET, uri: "${stageVariables.backend}/items", payloadFormatVersion: "1.0"}
			""";

	@TempDir
	static Path configDir;

	static TestBackend backend;

	static TestLambdaServer lambda;

	static RunningGateway gateway;

	@BeforeAll
	static void start() {
		backend = TestBackend.start();
		lambda = TestLambdaServer.start();
		lambda.function("echo", event -> Reply.json("{\"name\":\"rex\",\"sound\":\"woof\"}"))
			.function("broken", event -> Reply.json("{\"statusCode\":\"loud\"}"));
		Map<String, String> variables = Map.of("backend", backend.baseUrl());
		TestConfigRepo.in(configDir)
			.api("pets", PETS)
			.stage("pets", "$default", variables)
			.api("shop", SHOP)
			.stage("shop", "$default", variables)
			.stage("shop", "dev", variables)
			.api("bare", BARE)
			.stage("bare", "prod", variables);
		gateway = RunningGateway.start(configDir, "turnpike.lambda.endpoint-url=" + lambda.endpoint(),
				"turnpike.aws.account-id=123456789012");
	}

	@AfterAll
	static void stop() {
		gateway.close();
		lambda.close();
		backend.close();
	}

	@BeforeEach
	void reset() {
		backend.reset();
		lambda.reset();
	}

	@ParameterizedTest(name = "{0} {1} -> {2}")
	@CsvSource({ "GET, /pets/dog/1, /exact", "GET, /pets/dog/2, /dog/2", "GET, /pets/cat/1, /greedy/cat/1",
			"POST, /test/5, /any/test/5", "DELETE, /pets/dog/1, /any/pets/dog/1" })
	void theMostSpecificRouteWinsAsAwsDocumentsIt(String method, String path, String backendPath) {
		gateway.api("pets")
			.method(HttpMethod.valueOf(method))
			.uri(path)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.exists("apigw-requestid")
			.expectHeader()
			.doesNotExist("x-amzn-RequestId");
		RecordedRequest request = backend.lastRequest();
		assertThat(request.method()).isEqualTo(method);
		assertThat(request.path()).isEqualTo(backendPath);
	}

	@Test
	void theDefaultRouteGetsEveryRequestNoRouteMatchesWithItsWholePathAndQuery() {
		gateway.api("shop").get().uri("/items").exchange().expectStatus().isOk();
		assertThat(backend.lastRequest().path()).isEqualTo("/items");

		gateway.api("shop").get().uri("/store/checkout?step=2").exchange().expectStatus().isOk();
		assertThat(backend.lastRequest().pathAndQuery()).isEqualTo("/store/checkout?step=2");

		// A method the route does not have falls through to $default too.
		gateway.api("shop").post().uri("/items").bodyValue("x").exchange().expectStatus().isOk();
		assertThat(backend.lastRequest().method()).isEqualTo("POST");
		assertThat(backend.lastRequest().path()).isEqualTo("/items");
		assertThat(backend.requestCount()).isEqualTo(3);
	}

	@Test
	void aNamedStageKeepsItsPrefixAndItsDefaultRouteForwardsThePathWithTheStage() {
		gateway.api("shop").get().uri("/dev/items").exchange().expectStatus().isOk();
		assertThat(backend.lastRequest().path()).isEqualTo("/items");

		gateway.api("shop").get().uri("/dev/cart").exchange().expectStatus().isOk();
		assertThat(backend.lastRequest().path()).isEqualTo("/dev/cart");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "/prod/nothing-here", "/staging/items", "/items" })
	void withoutARouteOrADefaultRouteTheAnswerIs404NotFound(String path) {
		EntityExchangeResult<String> result = gateway.api("bare")
			.get()
			.uri(path)
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.contentType(MediaType.APPLICATION_JSON)
			.expectHeader()
			.exists("apigw-requestid")
			.expectHeader()
			.doesNotExist("x-amzn-ErrorType")
			.expectBody(String.class)
			.returnResult();
		assertThat(result.getResponseBody()).isEqualTo("{\"message\":\"Not Found\"}");
		assertThat(backend.requestCount()).isZero();
	}

	@Test
	void aNamedStageOfAnApiWithoutDefaultStageStillServesItsRoutes() {
		gateway.api("bare").get().uri("/prod/items").exchange().expectStatus().isOk();
		assertThat(backend.lastRequest().path()).isEqualTo("/items");
	}

	@Test
	void lambdaRoutesGetPayload20ByDefaultAndAnObjectWithoutStatusCodeIsA200JsonAnswer() throws Exception {
		EntityExchangeResult<String> result = gateway.api("pets")
			.post()
			.uri("/lambda/rex?a=1&a=2")
			.header("Cookie", "c1=v1; c2=v2")
			.contentType(MediaType.TEXT_PLAIN)
			.bodyValue("hello")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentType(MediaType.APPLICATION_JSON)
			.expectBody(String.class)
			.returnResult();
		assertThat(result.getResponseBody()).isEqualTo("{\"name\":\"rex\",\"sound\":\"woof\"}");

		PojoSerializer<APIGatewayV2HTTPEvent> serializer = LambdaEventSerializers
			.serializerFor(APIGatewayV2HTTPEvent.class, getClass().getClassLoader());
		APIGatewayV2HTTPEvent event = serializer.fromJson(new ByteArrayInputStream(lambda.invocations("echo").get(0)));
		assertThat(event.getVersion()).isEqualTo("2.0");
		assertThat(event.getRouteKey()).isEqualTo("POST /lambda/{name}");
		assertThat(event.getRawPath()).isEqualTo("/lambda/rex");
		assertThat(event.getRawQueryString()).isEqualTo("a=1&a=2");
		assertThat(event.getQueryStringParameters()).containsEntry("a", "1,2");
		assertThat(event.getPathParameters()).containsEntry("name", "rex");
		assertThat(event.getCookies()).containsExactly("c1=v1", "c2=v2");
		assertThat(event.getBody()).isEqualTo("hello");
		assertThat(event.getRequestContext().getStage()).isEqualTo("$default");
		assertThat(event.getRequestContext().getRouteKey()).isEqualTo("POST /lambda/{name}");
		assertThat(event.getRequestContext().getHttp().getMethod()).isEqualTo("POST");
		assertThat(event.getRequestContext().getApiId()).isEqualTo("pets");
	}

	@Test
	void aMalformedLambdaAnswerIs500InternalServerErrorAsHttpApisSayIt() {
		EntityExchangeResult<byte[]> result = gateway.api("pets")
			.get()
			.uri("/broken")
			.exchange()
			.expectStatus()
			.isEqualTo(500)
			.expectHeader()
			.exists("apigw-requestid")
			.expectHeader()
			.doesNotExist("x-amzn-ErrorType")
			.expectBody()
			.returnResult();
		assertThat(new String(result.getResponseBody(), StandardCharsets.UTF_8))
			.isEqualTo("{\"message\":\"Internal Server Error\"}");
		assertThat(lambda.invocationCount("broken")).isEqualTo(1);
	}

}
