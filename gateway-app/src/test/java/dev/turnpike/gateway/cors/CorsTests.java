package dev.turnpike.gateway.cors;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.turnpike.gateway.support.RunningGateway;
import dev.turnpike.gateway.support.TestConfigRepo;
import dev.turnpike.test.backend.TestBackend;
import dev.turnpike.test.lambda.TestLambdaServer;
import dev.turnpike.test.lambda.TestLambdaServer.Reply;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CORS configuration over real HTTP: preflights answered by the gateway before routes and
 * authorizers, the configured headers (byte for byte) on answers and errors, a backend's
 * own CORS headers dropped, disallowed origins and methods given none; the same block on
 * a REST API as {@code x-turnpike-cors}.
 */
class CorsTests {

	private static final String CORS = """
			  allowOrigins: ["https://www.example.com", "http://*"]
			  allowMethods: [GET, POST, OPTIONS]
			  allowHeaders: [content-type, x-amz-date]
			  exposeHeaders: [x-request-id, date]
			  maxAge: 3600
			  allowCredentials: true
			""";

	private static final String WEB = """
			openapi: "3.0.1"
			info: {title: web, version: "1"}
			x-amazon-apigateway-importexport-version: "1.0"
			x-amazon-apigateway-cors:
			%s
			paths:
			  /items:
			    get:
			      x-amazon-apigateway-integration: {type: http_proxy, httpMethod: GET, uri: "${stageVariables.backend}/items", payloadFormatVersion: "1.0"}
			  /secure:
			    get:
			      security: [{gate: []}]
			      x-amazon-apigateway-integration: {type: http_proxy, httpMethod: GET, uri: "${stageVariables.backend}/secure", payloadFormatVersion: "1.0"}
			components:
			  securitySchemes:
			    gate:
			      type: apiKey
			      name: Authorization
			      in: header
			      x-amazon-apigateway-authorizer:
			        type: request
			        identitySource: $request.header.Authorization
			        authorizerUri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:gate/invocations
			        authorizerPayloadFormatVersion: "1.0"
			        authorizerResultTtlInSeconds: 300
			"""
		.formatted(CORS.stripTrailing());

	private static final String LEGACY = """
			openapi: 3.0.1
			info: {title: legacy, version: "1"}
			x-turnpike-cors:
			  allowOrigins: ["*"]
			  allowMethods: ["*"]
			  allowHeaders: [authorization]
			paths:
			  /orders:
			    post:
			      x-amazon-apigateway-integration: {type: http_proxy, httpMethod: POST, uri: "${stageVariables.backend}/orders"}
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
		lambda.function("gate",
				event -> Reply.json("{\"principalId\":\"u\",\"policyDocument\":{\"Version\":"
						+ "\"2012-10-17\",\"Statement\":[{\"Action\":\"execute-api:Invoke\",\"Effect\":\"Allow\","
						+ "\"Resource\":\"*\"}]}}"));
		Map<String, String> variables = Map.of("backend", backend.baseUrl());
		TestConfigRepo.in(configDir)
			.api("web", WEB)
			.stage("web", "$default", variables)
			.api("legacy", LEGACY)
			.stage("legacy", "prod", variables);
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
		// A backend that answers with CORS headers of its own.
		backend.respond("/items",
				TestBackend.Response.json(200, "{\"items\":[]}")
					.withHeader("Access-Control-Allow-Origin", "*")
					.withHeader("Access-Control-Allow-Methods", "DELETE")
					.withHeader("X-Request-Id", "r-1"));
	}

	/** The response's CORS-related headers, by lower-case name. */
	private static Map<String, List<String>> cors(HttpHeaders headers) {
		Map<String, List<String>> cors = new TreeMap<>();
		headers.forEach((name, values) -> {
			String lower = name.toLowerCase(java.util.Locale.ROOT);
			if (lower.startsWith("access-control-") || lower.equals("vary")) {
				cors.put(lower, values);
			}
		});
		return cors;
	}

	private static EntityExchangeResult<byte[]> preflight(WebTestClient client, String path, String origin,
			String method) {
		return client.method(HttpMethod.OPTIONS)
			.uri(path)
			.header("Origin", origin)
			.header("Access-Control-Request-Method", method)
			.header("Access-Control-Request-Headers", "content-type")
			.exchange()
			.expectStatus()
			.isNoContent()
			.expectBody()
			.returnResult();
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "/items", "/secure", "/no/route/here" })
	void aPreflightIsAnsweredByTheGatewayBeforeRoutesAndAuthorizersWithTheConfiguredHeaders(String path) {
		EntityExchangeResult<byte[]> result = preflight(gateway.api("web"), path, "https://www.example.com", "POST");

		assertThat(cors(result.getResponseHeaders()))
			.isEqualTo(Map.of("access-control-allow-credentials", List.of("true"), "access-control-allow-headers",
					List.of("content-type,x-amz-date"), "access-control-allow-methods", List.of("GET,POST,OPTIONS"),
					"access-control-allow-origin", List.of("https://www.example.com"), "access-control-max-age",
					List.of("3600"), "vary", List.of("Origin")));
		assertThat(result.getResponseHeaders().getFirst("apigw-requestid")).isNotBlank();
		assertThat(result.getResponseBody()).isNullOrEmpty();
		assertThat(backend.requestCount()).isZero();
		assertThat(lambda.invocationCount("gate")).isZero();
	}

	@Test
	void aSchemeWildcardOriginIsEchoed() {
		EntityExchangeResult<byte[]> result = preflight(gateway.api("web"), "/items", "http://localhost:5173", "GET");
		assertThat(result.getResponseHeaders().getFirst("Access-Control-Allow-Origin"))
			.isEqualTo("http://localhost:5173");
	}

	@Test
	void aPreflightFromAnotherOriginOrForAnotherMethodGetsNoCorsHeaders() {
		assertThat(cors(preflight(gateway.api("web"), "/items", "https://evil.example", "GET").getResponseHeaders()))
			.isEmpty();
		assertThat(
				cors(preflight(gateway.api("web"), "/items", "https://www.example.com", "DELETE").getResponseHeaders()))
			.isEmpty();
		assertThat(backend.requestCount()).isZero();
	}

	@Test
	void anAnswerCarriesTheConfiguredHeadersInsteadOfTheBackends() {
		EntityExchangeResult<String> result = gateway.api("web")
			.get()
			.uri("/items")
			.header("Origin", "https://www.example.com")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult();

		assertThat(result.getResponseBody()).isEqualTo("{\"items\":[]}");
		assertThat(cors(result.getResponseHeaders())).isEqualTo(Map.of("access-control-allow-credentials",
				List.of("true"), "access-control-allow-origin", List.of("https://www.example.com"),
				"access-control-expose-headers", List.of("x-request-id,date"), "vary", List.of("Origin")));
		assertThat(backend.requestCount()).isEqualTo(1);
	}

	@Test
	void withoutAnOriginTheBackendsCorsHeadersAreStillDropped() {
		EntityExchangeResult<String> result = gateway.api("web")
			.get()
			.uri("/items")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult();
		assertThat(cors(result.getResponseHeaders())).isEmpty();
		assertThat(result.getResponseHeaders().getFirst("X-Request-Id")).isEqualTo("r-1");
	}

	@Test
	void errorsCarryTheConfiguredHeadersToo() {
		EntityExchangeResult<String> unauthorized = gateway.api("web")
			.get()
			.uri("/secure")
			.header("Origin", "https://www.example.com")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectBody(String.class)
			.returnResult();
		assertThat(unauthorized.getResponseBody()).isEqualTo("{\"message\":\"Unauthorized\"}");
		assertThat(unauthorized.getResponseHeaders().getFirst("Access-Control-Allow-Origin"))
			.isEqualTo("https://www.example.com");

		EntityExchangeResult<String> notFound = gateway.api("web")
			.get()
			.uri("/nothing")
			.header("Origin", "https://www.example.com")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectBody(String.class)
			.returnResult();
		assertThat(notFound.getResponseHeaders().getFirst("Access-Control-Allow-Origin"))
			.isEqualTo("https://www.example.com");
		assertThat(notFound.getResponseHeaders().getFirst("Access-Control-Expose-Headers"))
			.isEqualTo("x-request-id,date");
		assertThat(backend.requestCount()).isZero();
		assertThat(lambda.invocationCount("gate")).isZero();
	}

	@Test
	void aRestApiGetsTheSameFromXTurnpikeCorsWithoutAnOptionsMethod() {
		EntityExchangeResult<byte[]> result = preflight(gateway.api("legacy"), "/prod/orders", "https://shop.example",
				"POST");
		assertThat(cors(result.getResponseHeaders()))
			.isEqualTo(Map.of("access-control-allow-headers", List.of("authorization"), "access-control-allow-methods",
					List.of("*"), "access-control-allow-origin", List.of("*")));

		gateway.api("legacy")
			.post()
			.uri("/prod/orders")
			.header("Origin", "https://shop.example")
			.bodyValue("{}")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("Access-Control-Allow-Origin", "*");
		assertThat(backend.requestCount()).isEqualTo(1);
	}

}
