package dev.turnpike.gateway.integration;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.http.MediaType;

import dev.turnpike.gateway.support.RunningGateway;
import dev.turnpike.gateway.support.TestConfigRepo;
import dev.turnpike.test.backend.RecordedRequest;
import dev.turnpike.test.backend.TestBackend;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code http_proxy}: what the client sends reaches the backend, and what the backend
 * answers reaches the client.
 */
class HttpProxyIntegrationTests {

	@TempDir
	static Path configDir;

	static TestBackend prodBackend;

	static TestBackend devBackend;

	static RunningGateway gateway;

	@BeforeAll
	static void start() {
		prodBackend = TestBackend.start();
		devBackend = TestBackend.start();
		TestConfigRepo repo = TestConfigRepo.in(configDir);
		repo.api("pets", """
				openapi: 3.0.1
				info: {title: Pets, version: "1"}
				paths:
				  /pets/{petId}:
				    get:
				      x-amazon-apigateway-integration:
				        type: http_proxy
				        httpMethod: GET
				        uri: ${stageVariables.backend}/v1/animals/{petId}?source=gateway
				        requestParameters:
				          integration.request.path.petId: method.request.path.petId
				          integration.request.header.X-Stage-Tier: stageVariables.tier
				          integration.request.header.X-Request-Id: context.requestId
				  /pets:
				    post:
				      x-amazon-apigateway-integration:
				        type: http_proxy
				        httpMethod: PUT
				        uri: ${stageVariables.backend}/store
				  /{proxy+}:
				    x-amazon-apigateway-any-method:
				      x-amazon-apigateway-integration:
				        type: http_proxy
				        httpMethod: ANY
				        uri: ${stageVariables.backend}/{proxy}
				""");
		repo.stage("pets", "prod", Map.of("backend", prodBackend.baseUrl(), "tier", "gold"));
		repo.stage("pets", "dev", Map.of("backend", devBackend.baseUrl(), "tier", "sandbox"));
		gateway = RunningGateway.start(configDir);
	}

	@AfterAll
	static void stop() {
		gateway.close();
		prodBackend.close();
		devBackend.close();
	}

	@BeforeEach
	void reset() {
		prodBackend.reset();
		devBackend.reset();
	}

	@Test
	void pathParameterQueryAndHeadersReachBackendWithMappedHeadersAdded() {
		gateway.api("pets")
			.get()
			.uri(URI.create(gateway.baseUrl() + "/prod/pets/42?color=brown&color=white&q=a%20b"))
			.header("X-Custom", "client-value")
			.header("Authorization", "Bearer abc")
			.exchange()
			.expectStatus()
			.isOk();

		RecordedRequest request = prodBackend.lastRequest();
		assertThat(request.method()).isEqualTo("GET");
		assertThat(request.path()).isEqualTo("/v1/animals/42");
		assertThat(request.rawQuery()).isEqualTo("source=gateway&color=brown&color=white&q=a%20b");
		assertThat(request.header("X-Custom")).isEqualTo("client-value");
		assertThat(request.header("Authorization")).isEqualTo("Bearer abc");
		assertThat(request.header("X-Stage-Tier")).isEqualTo("gold");
		assertThat(request.header("X-Request-Id")).matches("[0-9a-f-]{36}");
		assertThat(request.header("Host")).isEqualTo("127.0.0.1:" + prodBackend.port());
		assertThat(devBackend.requestCount()).isZero();
	}

	@Test
	void backendSeesForwardedHeadersWithClientAddressAppended() {
		gateway.api("pets").get().uri("/prod/pets/1").exchange().expectStatus().isOk();
		RecordedRequest direct = prodBackend.lastRequest();
		assertThat(direct.header("X-Forwarded-For")).isEqualTo("127.0.0.1");
		assertThat(direct.header("X-Forwarded-Proto")).isEqualTo("http");
		assertThat(direct.header("X-Forwarded-Port")).isEqualTo(Integer.toString(gateway.port()));

		gateway.api("pets")
			.get()
			.uri("/prod/pets/1")
			.header("X-Forwarded-For", "203.0.113.7")
			.exchange()
			.expectStatus()
			.isOk();
		assertThat(prodBackend.lastRequest().header("X-Forwarded-For")).isEqualTo("203.0.113.7, 127.0.0.1");
	}

	@Test
	void stageVariablesSendEachStageToItsOwnBackend() {
		gateway.api("pets").get().uri("/dev/pets/1").exchange().expectStatus().isOk();

		assertThat(devBackend.lastRequest().header("X-Stage-Tier")).isEqualTo("sandbox");
		assertThat(prodBackend.requestCount()).isZero();
	}

	@Test
	void greedyProxyPathIsSubstitutedKeepingSlashesAndEncoding() {
		gateway.api("pets")
			.delete()
			.uri(URI.create(gateway.baseUrl() + "/prod/a/b%20c/d.json?x=1"))
			.exchange()
			.expectStatus()
			.isOk();

		RecordedRequest request = prodBackend.lastRequest();
		assertThat(request.method()).isEqualTo("DELETE");
		assertThat(request.path()).isEqualTo("/a/b%20c/d.json");
		assertThat(request.rawQuery()).isEqualTo("x=1");
	}

	@Test
	void bodyStreamsToBackendWithIntegrationMethod() {
		prodBackend.respond("/store", TestBackend.Response.json(200, "{\"stored\":true}"));
		byte[] body = new byte[3 * 1024 * 1024];
		Arrays.fill(body, (byte) 'x');
		gateway.api("pets")
			.post()
			.uri("/prod/pets")
			.contentType(MediaType.APPLICATION_OCTET_STREAM)
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.json("{\"stored\":true}");

		RecordedRequest request = prodBackend.lastRequest();
		assertThat(request.method()).isEqualTo("PUT");
		assertThat(request.body()).hasSize(body.length);
		assertThat(request.header("Content-Type")).isEqualTo("application/octet-stream");
	}

	@Test
	void backendStatusHeadersAndBodyReturnUnchangedWithGatewayRequestId() {
		prodBackend.respond("/teapot",
				TestBackend.Response.of(418, "text/plain", "short and stout")
					.withHeader("X-Backend", "yes")
					.withHeader("x-amzn-RequestId", "backend-made-this-up"));

		gateway.api("pets")
			.get()
			.uri("/prod/teapot")
			.exchange()
			.expectStatus()
			.isEqualTo(418)
			.expectHeader()
			.valueEquals("X-Backend", "yes")
			.expectHeader()
			.contentType("text/plain")
			.expectHeader()
			.value("x-amzn-RequestId", id -> assertThat(id).matches("[0-9a-f-]{36}"))
			.expectHeader()
			.values("x-amzn-RequestId", ids -> assertThat(ids).hasSize(1))
			.expectHeader()
			.exists("x-amz-apigw-id")
			.expectBody(String.class)
			.isEqualTo("short and stout");
	}

	@Test
	void backendErrorsPassThroughAsIs() {
		prodBackend.respond("/broken", TestBackend.Response.json(503, "{\"error\":\"down for maintenance\"}"));

		gateway.api("pets")
			.get()
			.uri("/prod/broken")
			.exchange()
			.expectStatus()
			.isEqualTo(503)
			.expectHeader()
			.doesNotExist("x-amzn-ErrorType")
			.expectBody()
			.json("{\"error\":\"down for maintenance\"}");
	}

	@Test
	void utf8BodyRoundTrips() {
		String text = "{\"name\":\"Grüße 🐕\"}";
		gateway.api("pets")
			.put()
			.uri("/prod/echo")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(text.getBytes(StandardCharsets.UTF_8))
			.exchange()
			.expectStatus()
			.isOk();
		assertThat(prodBackend.lastRequest().bodyAsString()).isEqualTo(text);
	}

}
