package dev.turnpike.gateway.integration;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.turnpike.gateway.support.RunningGateway;
import dev.turnpike.gateway.support.TestConfigRepo;
import dev.turnpike.test.backend.RecordedRequest;
import dev.turnpike.test.backend.TestBackend;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code http} (non-proxy): only mapped parameters reach the backend, and the backend
 * status selects the integration response whose status and mapped headers the client
 * gets.
 */
class HttpIntegrationTests {

	@TempDir
	static Path configDir;

	static TestBackend backend;

	static RunningGateway gateway;

	@BeforeAll
	static void start() {
		backend = TestBackend.start();
		TestConfigRepo repo = TestConfigRepo.in(configDir);
		repo.api("orders", """
				openapi: 3.0.1
				info: {title: Orders, version: "1"}
				paths:
				  /orders/{orderId}:
				    get:
				      parameters:
				        - {name: orderId, in: path, required: true, schema: {type: string}}
				      x-amazon-apigateway-integration:
				        type: http
				        httpMethod: POST
				        uri: ${stageVariables.backend}/lookup/{id}
				        requestParameters:
				          integration.request.path.id: method.request.path.orderId
				          integration.request.querystring.customer: method.request.header.X-Customer
				          integration.request.querystring.tags: method.request.multivaluequerystring.tag
				          integration.request.querystring.last: method.request.querystring.tag
				          integration.request.header.X-Env: stageVariables.env
				          integration.request.header.X-Source: "'turnpike'"
				          integration.request.header.X-Path: context.path
				          integration.request.header.X-Resource: context.resourcePath
				          integration.request.header.X-Stage: context.stage
				          integration.request.header.X-Api: context.apiId
				        responses:
				          "4\\\\d{2}":
				            statusCode: "400"
				            responseParameters:
				              method.response.header.X-Error: integration.response.header.X-Reason
				          "5\\\\d{2}":
				            statusCode: "502"
				          default:
				            statusCode: "200"
				            responseParameters:
				              method.response.header.X-Backend-Version: integration.response.header.X-Version
				              method.response.header.X-Static: "'fixed'"
				              method.response.header.X-Env: stageVariables.env
				  /unmapped:
				    get:
				      x-amazon-apigateway-integration:
				        type: http
				        httpMethod: GET
				        uri: ${stageVariables.backend}/unmapped
				        responses:
				          "2\\\\d{2}":
				            statusCode: "200"
				""");
		repo.stage("orders", "test", Map.of("backend", backend.baseUrl(), "env", "testing"));
		gateway = RunningGateway.start(configDir);
	}

	@AfterAll
	static void stop() {
		gateway.close();
		backend.close();
	}

	@BeforeEach
	void reset() {
		backend.reset();
	}

	@Test
	void onlyMappedParametersReachBackendWithIntegrationMethod() {
		gateway.api("orders")
			.get()
			.uri(URI.create(gateway.baseUrl() + "/test/orders/A%2F1?tag=red&tag=blue&unmapped=1"))
			.header("X-Customer", "c 42")
			.header("X-Not-Mapped", "secret")
			.header("Authorization", "Bearer token")
			.exchange()
			.expectStatus()
			.isOk();

		RecordedRequest request = backend.lastRequest();
		assertThat(request.method()).isEqualTo("POST");
		assertThat(request.path()).isEqualTo("/lookup/A%2F1");
		assertThat(request.rawQuery()).isEqualTo("customer=c%2042&tags=red&tags=blue&last=blue");
		assertThat(request.header("X-Env")).isEqualTo("testing");
		assertThat(request.header("X-Source")).isEqualTo("turnpike");
		assertThat(request.header("X-Path")).isEqualTo("/test/orders/A%2F1");
		assertThat(request.header("X-Resource")).isEqualTo("/orders/{orderId}");
		assertThat(request.header("X-Stage")).isEqualTo("test");
		assertThat(request.header("X-Api")).isEqualTo("orders");
		assertThat(request.header("X-Not-Mapped")).isNull();
		assertThat(request.header("Authorization")).isNull();
		assertThat(request.header("X-Customer")).isNull();
	}

	@Test
	void defaultIntegrationResponseMapsStatusAndOnlyMappedHeaders() {
		backend.respond("/lookup",
				TestBackend.Response.json(201, "{\"id\":\"1\"}")
					.withHeader("X-Version", "v7")
					.withHeader("X-Internal-Secret", "do-not-leak"));

		gateway.api("orders")
			.get()
			.uri("/test/orders/1")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("X-Backend-Version", "v7")
			.expectHeader()
			.valueEquals("X-Static", "fixed")
			.expectHeader()
			.valueEquals("X-Env", "testing")
			.expectHeader()
			.doesNotExist("X-Internal-Secret")
			.expectHeader()
			.contentType("application/json")
			.expectHeader()
			.exists("x-amzn-RequestId")
			.expectBody()
			.json("{\"id\":\"1\"}", true);
	}

	@Test
	void selectionPatternMatchesBackendStatus() {
		backend.respond("/lookup/missing",
				TestBackend.Response.json(404, "{\"error\":\"no such order\"}").withHeader("X-Reason", "not-found"));
		backend.respond("/lookup/broken", TestBackend.Response.json(500, "{\"error\":\"boom\"}"));

		gateway.api("orders")
			.get()
			.uri("/test/orders/missing")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.valueEquals("X-Error", "not-found")
			.expectBody()
			.json("{\"error\":\"no such order\"}");
		gateway.api("orders")
			.get()
			.uri("/test/orders/broken")
			.exchange()
			.expectStatus()
			.isEqualTo(502)
			.expectBody()
			.json("{\"error\":\"boom\"}");
	}

	@Test
	void noMatchingIntegrationResponseAndNoDefaultIsAConfigurationError() {
		backend.respond("/unmapped", TestBackend.Response.json(500, "{\"error\":\"boom\"}"));

		gateway.api("orders")
			.get()
			.uri("/test/unmapped")
			.exchange()
			.expectStatus()
			.isEqualTo(500)
			.expectHeader()
			.valueEquals("x-amzn-ErrorType", "ApiConfigurationException")
			.expectBody()
			.json("{\"message\":\"Internal server error\"}", true);
		assertThat(backend.requestCount()).isEqualTo(1);
	}

}
