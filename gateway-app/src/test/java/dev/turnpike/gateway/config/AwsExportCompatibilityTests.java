package dev.turnpike.gateway.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
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
 * APIs exactly as AWS exports them (a Swagger 2.0 export and an OpenAPI 3.0 export, with
 * {@code http_proxy}, {@code http}, {@code ANY}, {@code {proxy+}} and stage variables)
 * load unchanged and route as API Gateway does. The exports' {@code basePath} and
 * {@code servers} are ignored, as AWS's import does by default.
 */
class AwsExportCompatibilityTests {

	@TempDir
	static Path configDir;

	static TestBackend backend;

	static RunningGateway gateway;

	@BeforeAll
	static void start() throws IOException {
		backend = TestBackend.start();
		TestConfigRepo repo = TestConfigRepo.in(configDir);
		repo.write("apis/petstore/openapi.json", resource("petstore-swagger2.json"));
		repo.stage("petstore", "prod", Map.of("backendHost", "127.0.0.1:" + backend.port()));
		repo.write("apis/orders/openapi.yaml", resource("orders-oas30.yaml"));
		repo.stage("orders", "live", Map.of("ordersUrl", backend.baseUrl() + "/orders-service"));
		gateway = RunningGateway.start(configDir);
	}

	private static String resource(String name) throws IOException {
		try (InputStream in = AwsExportCompatibilityTests.class.getResourceAsStream("/aws-exports/" + name)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
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
	void swagger2ExportRootAnyMethodProxiesToBackendRoot() {
		gateway.api("petstore").post().uri("/prod").exchange().expectStatus().isOk();
		assertThat(backend.lastRequest().method()).isEqualTo("POST");
		assertThat(backend.lastRequest().path()).isEqualTo("/");
	}

	@Test
	void swagger2ExportHttpIntegrationMapsQueryAndStaticResponseHeader() {
		gateway.api("petstore")
			.get()
			.uri("/prod/pets?type=dog&page=2&ignored=1")
			.header("X-Client", "c")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("Access-Control-Allow-Origin", "*");
		RecordedRequest request = backend.lastRequest();
		assertThat(request.path()).isEqualTo("/petstore/pets");
		assertThat(request.rawQuery()).isEqualTo("page=2&type=dog");
		assertThat(request.header("X-Client")).isNull();
	}

	@Test
	void swagger2ExportPathParameterAndGreedyProxy() {
		gateway.api("petstore").get().uri("/prod/pets/3").exchange().expectStatus().isOk();
		assertThat(backend.lastRequest().path()).isEqualTo("/petstore/pets/3");

		gateway.api("petstore").put().uri("/prod/pets/3/toys/ball").exchange().expectStatus().isOk();
		assertThat(backend.lastRequest().method()).isEqualTo("PUT");
		assertThat(backend.lastRequest().path()).isEqualTo("/pets/3/toys/ball");
	}

	@Test
	void swagger2ExportBasePathIsNotPartOfTheRoute() {
		gateway.api("petstore").get().uri("/prod/prod/pets").exchange().expectStatus().isOk();
		// served by {proxy+}, as AWS would, not by /pets
		assertThat(backend.lastRequest().path()).isEqualTo("/prod/pets");
	}

	@Test
	void openApi3ExportRoutesLiteralPathParamsAndProxyWithHeaders() {
		gateway.api("orders")
			.get()
			.uri("/live/orders/o-17/items?expand=true")
			.header("X-Correlation-Id", "corr-1")
			.exchange()
			.expectStatus()
			.isOk();
		RecordedRequest request = backend.lastRequest();
		assertThat(request.path()).isEqualTo("/orders-service/v2/orders/o-17/items");
		assertThat(request.rawQuery()).isEqualTo("expand=true");
		assertThat(request.header("X-Correlation-Id")).isEqualTo("corr-1");

		backend.respond("/orders-service/v2/orders", TestBackend.Response.json(201, "{\"id\":\"o-18\"}"));
		gateway.api("orders")
			.post()
			.uri("/live/orders")
			.bodyValue("{\"sku\":\"x\"}")
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody()
			.json("{\"id\":\"o-18\"}");

		gateway.api("orders").patch().uri("/live/anything/else").exchange().expectStatus().isOk();
		assertThat(backend.lastRequest().method()).isEqualTo("PATCH");
		assertThat(backend.lastRequest().path()).isEqualTo("/orders-service/anything/else");
	}

}
