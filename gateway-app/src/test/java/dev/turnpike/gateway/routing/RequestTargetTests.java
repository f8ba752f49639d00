package dev.turnpike.gateway.routing;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.turnpike.gateway.support.RunningGateway;
import dev.turnpike.gateway.support.TestConfigRepo;
import dev.turnpike.test.backend.TestBackend;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Over real HTTP: request targets with dot segments, encoded slashes, control characters
 * or overlong escapes get an AWS-style 400 and never reach the backend — not through a
 * {@code {proxy+}} resource and not through a literal one — while ordinary paths still
 * do, unchanged (an encoded slash inside a path parameter is data, as on AWS).
 */
class RequestTargetTests {

	@TempDir
	static Path configDir;

	static TestBackend backend;

	static RunningGateway gateway;

	@BeforeAll
	static void start() {
		backend = TestBackend.start();
		TestConfigRepo repo = TestConfigRepo.in(configDir);
		repo.api("files", """
				openapi: 3.0.1
				info: {title: Files, version: "1"}
				paths:
				  /public/{proxy+}:
				    get:
				      parameters: [{name: proxy, in: path, required: true}]
				      x-amazon-apigateway-integration:
				        type: http_proxy
				        httpMethod: GET
				        uri: "${stageVariables.backend}/public/{proxy}"
				        requestParameters: {integration.request.path.proxy: method.request.path.proxy}
				  /items/{id}:
				    get:
				      parameters: [{name: id, in: path, required: true}]
				      x-amazon-apigateway-integration:
				        type: http_proxy
				        httpMethod: GET
				        uri: "${stageVariables.backend}/items/{id}"
				        requestParameters: {integration.request.path.id: method.request.path.id}
				""");
		repo.stage("files", "prod", Map.of("backend", backend.baseUrl()));
		gateway = RunningGateway.start(configDir);
	}

	@AfterAll
	static void stop() {
		gateway.close();
		backend.close();
	}

	@BeforeEach
	void resetBackend() {
		backend.reset();
	}

	@ParameterizedTest
	@ValueSource(strings = { "/prod/public/../../status/health", "/prod/public/a/../../items/1", "/prod/public/./a",
			"/prod/public/%2e%2e/secret", "/prod/public/%2E./secret", "/prod/public/.%2e/secret",
			"/prod/public/..%2fsecret", "/prod/items/a%2f..%2f..%2fetc", "/prod/public/a%5c..%5csecret",
			"/prod/items/..%2F..%2Fadmin", "/prod/public/%c0%ae%c0%ae/secret", "/prod/public/..;/secret",
			"/prod/items/1%00.json", "/prod/items/1%0d%0aX:1", "/prod/items/1?name=%00" })
	void requestWhenTargetCouldMeanAnotherPlaceThenAwsStyle400AndBackendNeverCalled(String target) {
		gateway.api("files")
			.get()
			.uri(URI.create(gateway.baseUrl() + target))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.valueEquals("x-amzn-ErrorType", "BadRequestException")
			.expectHeader()
			.exists("x-amzn-RequestId")
			.expectHeader()
			.contentType("application/json")
			.expectBody()
			.jsonPath("$.message")
			.value(message -> assertThat((String) message).startsWith("Bad request: "));
		assertThat(backend.requestCount()).isZero();
	}

	@Test
	void requestWhenPathIsOrdinaryThenBackendReceivesItUnchanged() {
		gateway.api("files")
			.get()
			.uri(URI.create(gateway.baseUrl() + "/prod/public/docs/a...b/caf%C3%A9.txt"))
			.exchange()
			.expectStatus()
			.isOk();
		gateway.api("files")
			.get()
			.uri(URI.create(gateway.baseUrl() + "/prod/items/..x"))
			.exchange()
			.expectStatus()
			.isOk();
		gateway.api("files")
			.get()
			.uri(URI.create(gateway.baseUrl() + "/prod/items/A%2F1"))
			.exchange()
			.expectStatus()
			.isOk();

		assertThat(backend.requests()).extracting(request -> request.path())
			.containsExactly("/public/docs/a...b/caf%C3%A9.txt", "/items/..x", "/items/A%2F1");
	}

}
