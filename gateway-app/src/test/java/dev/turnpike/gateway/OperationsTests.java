package dev.turnpike.gateway;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.turnpike.gateway.support.RunningGateway;
import dev.turnpike.gateway.support.TestConfigRepo;
import dev.turnpike.test.backend.TestBackend;

import static dev.turnpike.gateway.support.Integrations.httpProxy;
import static org.assertj.core.api.Assertions.assertThat;

/** Health groups, metrics and routes on the management port; graceful shutdown. */
class OperationsTests {

	@TempDir
	Path configDir;

	private TestBackend writeApi(TestBackend backend) {
		TestConfigRepo.in(this.configDir)
			.api("ops", """
					openapi: 3.0.1
					info: {title: Ops, version: "1"}
					paths:
					  /slow:
					    get: {x-amazon-apigateway-integration: %s}
					""".formatted(httpProxy("${stageVariables.backend}/slow")))
			.stage("ops", "prod", Map.of("backend", backend.baseUrl()));
		return backend;
	}

	@Test
	void managementPortServesHealthGroupsMetricsAndRoutesButApiPortDoesNot() {
		try (TestBackend backend = writeApi(TestBackend.start());
				RunningGateway gateway = RunningGateway.start(this.configDir)) {
			gateway.management()
				.get()
				.uri("/actuator/health/liveness")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.status")
				.isEqualTo("UP");
			gateway.management()
				.get()
				.uri("/actuator/health/readiness")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.status")
				.isEqualTo("UP")
				.jsonPath("$.components.config.details.apis")
				.isEqualTo(1)
				.jsonPath("$.components.config.details.stages")
				.isEqualTo(1);
			gateway.management()
				.get()
				.uri("/actuator/prometheus")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody(String.class)
				.value(body -> assertThat(body).contains("turnpike_config_reloads_total{result=\"applied\"} 1.0",
						"jvm_memory_used_bytes"));
			gateway.management()
				.get()
				.uri("/actuator/gateway/routes")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$[0].route_id")
				.isEqualTo("ops/prod GET /slow")
				.jsonPath("$[0].predicate")
				.isEqualTo("AWS resource match: GET /slow on ops/prod")
				.jsonPath("$[0].filters[0]")
				.value(filter -> assertThat((String) filter).contains("HttpProxyIntegration"));
			// The API port is the API's alone: actuator paths there are just unmatched
			// API paths.
			gateway.client()
				.get()
				.uri("/actuator/health")
				.header("Host", "ops.execute-api.test")
				.exchange()
				.expectStatus()
				.isForbidden()
				.expectBody()
				.json("{\"message\":\"Forbidden\"}", true);
		}
	}

	@Test
	void shutdownLetsInFlightRequestFinish() throws Exception {
		try (TestBackend backend = writeApi(TestBackend.start())) {
			backend.respond("/slow",
					TestBackend.Response.json(200, "{\"finished\":true}").delayedBy(Duration.ofMillis(1500)));
			RunningGateway gateway = RunningGateway.start(this.configDir,
					"spring.lifecycle.timeout-per-shutdown-phase=20s");
			CompletableFuture<String> inFlight = CompletableFuture.supplyAsync(() -> gateway.api("ops")
				.get()
				.uri("/prod/slow")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody(String.class)
				.returnResult()
				.getResponseBody());
			long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
			while (backend.requestCount() == 0 && System.nanoTime() < deadline) {
				Thread.sleep(10);
			}
			assertThat(backend.requestCount()).isEqualTo(1);

			gateway.close();

			assertThat(inFlight.get(5, TimeUnit.SECONDS)).isEqualTo("{\"finished\":true}");
		}
	}

}
