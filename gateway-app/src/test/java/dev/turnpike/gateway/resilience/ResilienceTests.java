package dev.turnpike.gateway.resilience;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.test.web.reactive.server.WebTestClient;

import dev.turnpike.gateway.support.RunningGateway;
import dev.turnpike.gateway.support.TestConfigRepo;
import dev.turnpike.test.backend.TestBackend;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Backend protection over real HTTP, with the stage file's overrides: a failing backend
 * opens its circuit breaker (then the gateway answers 503 without calling it) and the
 * breaker closes again on its own once the backend recovers; a bulkhead caps calls in
 * flight; idempotent requests are retried when configured, others never.
 */
class ResilienceTests {

	private static final String API = """
			openapi: 3.0.1
			info: {title: Fragile, version: "1"}
			paths:
			  /flaky:
			    get:
			      x-amazon-apigateway-integration: {type: http_proxy, httpMethod: GET, uri: "${stageVariables.flaky}/flaky"}
			  /slow:
			    get:
			      x-amazon-apigateway-integration: {type: http_proxy, httpMethod: GET, uri: "${stageVariables.slow}/slow"}
			  /retried:
			    get:
			      x-amazon-apigateway-integration:
			        type: http
			        httpMethod: GET
			        uri: "${stageVariables.retried}/retried"
			        responses: {default: {statusCode: "200"}, "5\\\\d{2}": {statusCode: "502"}}
			    post:
			      x-amazon-apigateway-integration:
			        type: http
			        httpMethod: POST
			        uri: "${stageVariables.retried}/retried"
			        responses: {default: {statusCode: "200"}, "5\\\\d{2}": {statusCode: "502"}}
			""";

	private static final String STAGE = """
			variables:
			  flaky: "%s"
			  slow: "%s"
			  retried: "%s"
			resilience:
			  circuitBreaker: {failureRateThreshold: 50, slidingWindowSize: 4, minimumNumberOfCalls: 4,
			                   waitDurationInOpenState: 700ms, permittedCallsInHalfOpenState: 2}
			  bulkhead: {maxConcurrentCalls: 2}
			  retry: {maxAttempts: 3, waitDuration: 10ms}
			""";

	@TempDir
	static Path configDir;

	/** One backend per name, so each has its own guard. */
	static TestBackend flaky;

	static TestBackend slow;

	static TestBackend retried;

	static RunningGateway gateway;

	@BeforeAll
	static void start() {
		flaky = TestBackend.start();
		slow = TestBackend.start();
		retried = TestBackend.start();
		TestConfigRepo.in(configDir)
			.api("fragile", API)
			.write("apis/fragile/stages/prod.yaml",
					STAGE.formatted(flaky.baseUrl(), slow.baseUrl(), retried.baseUrl()));
		gateway = RunningGateway.start(configDir);
	}

	@AfterAll
	static void stop() {
		gateway.close();
		flaky.close();
		slow.close();
		retried.close();
	}

	@BeforeEach
	void reset() {
		flaky.reset();
		slow.reset();
		retried.reset();
	}

	private static WebTestClient.ResponseSpec get(String path) {
		return gateway.api("fragile").get().uri(path).exchange();
	}

	@Test
	void failingBackendOpensTheBreakerWhichRecoversOnItsOwn() throws InterruptedException {
		flaky.respond("/flaky", TestBackend.Response.json(500, "{\"boom\":true}"));
		for (int i = 0; i < 4; i++) {
			get("/prod/flaky").expectStatus().isEqualTo(500);
		}
		int calls = flaky.requestCount();

		get("/prod/flaky").expectStatus()
			.isEqualTo(503)
			.expectHeader()
			.valueEquals("x-amzn-ErrorType", "InternalServerErrorException")
			.expectBody()
			.json("{\"message\":\"Service Unavailable\"}", true);
		assertThat(flaky.requestCount()).as("an open breaker does not call the backend").isEqualTo(calls);

		flaky.respond("/flaky", TestBackend.Response.json(200, "{\"ok\":true}"));
		int status = 0;
		for (int attempt = 0; attempt < 50 && status != 200; attempt++) {
			Thread.sleep(100);
			status = get("/prod/flaky").expectBody().returnResult().getStatus().value();
		}
		assertThat(status).as("the half-open breaker let trial calls through and closed").isEqualTo(200);
		for (int i = 0; i < 5; i++) {
			get("/prod/flaky").expectStatus().isOk();
		}
	}

	@Test
	void bulkheadRefusesCallsBeyondItsLimit() {
		slow.respond("/slow", TestBackend.Response.json(200, "{}").delayedBy(Duration.ofMillis(800)));
		WebTestClient client = gateway.api("fragile");
		List<Integer> statuses = Flux.range(0, 4)
			.flatMap(i -> Mono
				.fromCallable(
						() -> client.get().uri("/prod/slow").exchange().expectBody().returnResult().getStatus().value())
				.subscribeOn(reactor.core.scheduler.Schedulers.boundedElastic()), 4)
			.collectList()
			.block(Duration.ofSeconds(30));
		assertThat(statuses).filteredOn(status -> status == 200).hasSizeBetween(1, 2);
		assertThat(statuses).filteredOn(status -> status == 503).hasSizeGreaterThanOrEqualTo(2);
		assertThat(slow.requestCount()).isLessThanOrEqualTo(2);
	}

	@Test
	void idempotentRequestsAreRetriedAndOthersAreNot() {
		AtomicInteger calls = new AtomicInteger();
		TestBackend.Handler thirdTimeLucky = request -> (calls.incrementAndGet() < 3)
				? TestBackend.Response.json(503, "{}") : TestBackend.Response.json(200, "{\"third\":\"time lucky\"}");
		retried.respond("/retried", thirdTimeLucky);
		get("/prod/retried").expectStatus().isOk().expectBody().json("{\"third\":\"time lucky\"}", true);
		assertThat(retried.requestCount()).isEqualTo(3);

		retried.reset();
		retried.respond("/retried", thirdTimeLucky);
		calls.set(0);
		gateway.api("fragile").post().uri("/prod/retried").bodyValue("{}").exchange().expectStatus().isEqualTo(502);
		assertThat(retried.requestCount()).as("POST is not idempotent: one attempt").isEqualTo(1);
	}

}
