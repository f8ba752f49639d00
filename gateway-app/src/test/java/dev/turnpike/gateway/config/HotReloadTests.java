package dev.turnpike.gateway.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

import dev.turnpike.gateway.support.RunningGateway;
import dev.turnpike.gateway.support.TestConfigRepo;
import dev.turnpike.test.backend.TestBackend;

import static dev.turnpike.gateway.support.Integrations.httpProxy;
import static dev.turnpike.gateway.support.Integrations.mock;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Editing the config repo changes what the running gateway serves, within 2 s, without
 * failing requests.
 */
@ExtendWith(OutputCaptureExtension.class)
class HotReloadTests {

	private static final String API = """
			openapi: 3.0.1
			info: {title: Reload, version: "1"}
			paths:
			  /version:
			    get: {x-amazon-apigateway-integration: %s}
			  /slow:
			    get: {x-amazon-apigateway-integration: %s}
			""";

	@TempDir
	Path configDir;

	TestBackend oldBackend;

	TestBackend newBackend;

	TestConfigRepo repo;

	RunningGateway gateway;

	@BeforeEach
	void start() {
		this.oldBackend = TestBackend.start();
		this.newBackend = TestBackend.start();
		this.oldBackend.respond("/slow",
				TestBackend.Response.json(200, "{\"backend\":\"old\"}").delayedBy(Duration.ofMillis(1500)));
		this.newBackend.respond("/slow", TestBackend.Response.json(200, "{\"backend\":\"new\"}"));
		this.repo = TestConfigRepo.in(this.configDir);
		this.repo.api("live", API.formatted(mock("v1"), httpProxy("${stageVariables.backend}/slow")));
		this.repo.stage("live", "prod", Map.of("backend", this.oldBackend.baseUrl()));
		this.gateway = RunningGateway.start(this.configDir);
	}

	@AfterEach
	void stop() {
		this.gateway.close();
		this.oldBackend.close();
		this.newBackend.close();
	}

	private String version() {
		EntityExchangeResult<String> result = this.gateway.api("live")
			.get()
			.uri("/prod/version")
			.exchange()
			.expectBody(String.class)
			.returnResult();
		return result.getStatus().value() + " " + result.getResponseBody();
	}

	/**
	 * Polls until {@code expected} is served, failing after {@code within}; returns how
	 * long it took.
	 */
	private Duration awaitServed(String expected, Duration within) throws InterruptedException {
		long start = System.nanoTime();
		long deadline = start + within.toNanos();
		String last = null;
		while (System.nanoTime() < deadline) {
			last = version();
			if (last.equals(expected)) {
				return Duration.ofNanos(System.nanoTime() - start);
			}
			Thread.sleep(50);
		}
		throw new AssertionError(
				"expected '" + expected + "' within " + within + " but the gateway served '" + last + "'");
	}

	@Test
	void editedApiTakesEffectWithinTwoSeconds() throws Exception {
		assertThat(version()).isEqualTo("200 {\"route\":\"v1\"}");

		this.repo.api("live", API.formatted(mock("v2"), httpProxy("${stageVariables.backend}/slow")));

		assertThat(awaitServed("200 {\"route\":\"v2\"}", Duration.ofSeconds(2))).isLessThan(Duration.ofSeconds(2));
	}

	@Test
	void newApiStageAndRemovedStageTakeEffect() throws Exception {
		this.repo.api("extra", """
				openapi: 3.0.1
				info: {title: Extra, version: "1"}
				paths:
				  /hello:
				    get: {x-amazon-apigateway-integration: %s}
				""".formatted(mock("hello"))).stage("extra", "beta", Map.of());
		long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
		int status = 0;
		while (System.nanoTime() < deadline && status != 200) {
			status = this.gateway.api("extra")
				.get()
				.uri("/beta/hello")
				.exchange()
				.returnResult(String.class)
				.getStatus()
				.value();
			Thread.sleep(50);
		}
		assertThat(status).isEqualTo(200);

		this.repo.delete("apis/extra/stages/beta.yaml");
		deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
		while (System.nanoTime() < deadline && status != 403) {
			status = this.gateway.api("extra")
				.get()
				.uri("/beta/hello")
				.exchange()
				.returnResult(String.class)
				.getStatus()
				.value();
			Thread.sleep(50);
		}
		assertThat(status).isEqualTo(403);
	}

	@Test
	void invalidChangeIsRefusedWithFileAndFieldAndPreviousConfigKeepsServing(CapturedOutput output) throws Exception {
		this.repo.write("apis/live/openapi.yaml",
				API.formatted("{type: htp_proxy, uri: 'http://x'}", httpProxy("${stageVariables.backend}/slow")));
		Thread.sleep(1500);

		assertThat(version()).isEqualTo("200 {\"route\":\"v1\"}");
		assertThat(output.getOut()).contains("Config change refused")
			.contains(
					"apis/live/openapi.yaml: paths./version.get.x-amazon-apigateway-integration.type: unknown integration type 'htp_proxy'");
		this.gateway.management()
			.get()
			.uri("/actuator/health/readiness")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.components.config.details.lastRefusedChange[0]")
			.value(problem -> assertThat((String) problem).contains("apis/live/openapi.yaml"));
		this.gateway.management()
			.get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectBody(String.class)
			.value(metrics -> assertThat(metrics).contains("turnpike_config_reloads_total{result=\"refused\"} 1.0"));

		this.repo.api("live", API.formatted(mock("fixed"), httpProxy("${stageVariables.backend}/slow")));
		awaitServed("200 {\"route\":\"fixed\"}", Duration.ofSeconds(2));
	}

	@Test
	void requestInFlightDuringReloadCompletesOnTheConfigItStartedWith() throws Exception {
		CompletableFuture<String> inFlight = CompletableFuture.supplyAsync(() -> this.gateway.api("live")
			.get()
			.uri("/prod/slow")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody());
		long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
		while (this.oldBackend.requestCount() == 0 && System.nanoTime() < deadline) {
			Thread.sleep(10);
		}
		assertThat(this.oldBackend.requestCount()).isEqualTo(1);

		this.repo.stage("live", "prod", Map.of("backend", this.newBackend.baseUrl()));
		this.repo.api("live", API.formatted(mock("v2"), httpProxy("${stageVariables.backend}/slow")));
		awaitServed("200 {\"route\":\"v2\"}", Duration.ofSeconds(2));

		assertThat(inFlight.get()).isEqualTo("{\"backend\":\"old\"}");
		this.gateway.api("live")
			.get()
			.uri("/prod/slow")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.json("{\"backend\":\"new\"}");
	}

}
