package dev.turnpike.gateway.hardening;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.jwk.RSAKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.turnpike.gateway.authorizer.TestIdentityProvider;
import dev.turnpike.gateway.support.RunningGateway;
import dev.turnpike.gateway.support.TestConfigRepo;
import dev.turnpike.gateway.support.UsagePlanFixtures;
import dev.turnpike.test.backend.TestBackend;
import dev.turnpike.test.hardening.HardeningFigures;
import dev.turnpike.test.lambda.TestLambdaServer;
import dev.turnpike.test.redis.RealRedis;
import dev.turnpike.test.redis.RedisExtension;
import dev.turnpike.usageplans.core.ApiStage;
import dev.turnpike.usageplans.core.QuotaPeriod;
import dev.turnpike.usageplans.core.QuotaSettings;
import dev.turnpike.usageplans.core.RedisKeys;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Faults injected while bounded traffic runs (8 clients, a few hundred requests, a few
 * seconds each): Redis killed and restarted, the OIDC issuer down, the Lambda authorizer
 * endpoint down, a backend that hangs, resets mid-body or answers garbage. Each fault
 * must get the answer its failure policy or AWS prescribes, no request may stall past its
 * timeout, and Turnpike itself must never answer 500. The figures go to
 * {@code target/hardening-figures/faults.properties}.
 */
class FaultsUnderLoadTests {

	private static final int CONCURRENCY = 8;

	private static final HardeningFigures FIGURES = HardeningFigures.suite("faults");

	@TempDir
	Path configDir;

	private final List<AutoCloseable> resources = new ArrayList<>();

	private RunningGateway gateway;

	@AfterEach
	void closeEverything() throws Exception {
		if (this.gateway != null) {
			this.gateway.close();
		}
		for (int i = this.resources.size() - 1; i >= 0; i--) {
			this.resources.get(i).close();
		}
	}

	@AfterAll
	static void writeFigures() {
		FIGURES.write();
	}

	private <T extends AutoCloseable> T closeLater(T resource) {
		this.resources.add(resource);
		return resource;
	}

	/**
	 * For servers the test stops itself as the fault, and closes again afterwards in case
	 * it failed first.
	 */
	private static void closeQuietly(AutoCloseable server) {
		try {
			server.close();
		}
		catch (Exception ex) {
			// already stopped
		}
	}

	private HttpRequest.Builder request(String apiId, String path) {
		return HttpRequest.newBuilder(URI.create(this.gateway.baseUrl() + path))
			.header("Host", apiId + ".execute-api.turnpike.test")
			.timeout(Duration.ofSeconds(10));
	}

	/**
	 * Adds a traffic run's figures: requests, stalls past {@code timeout}, and 500s
	 * Turnpike answered itself.
	 */
	private static void record(Traffic traffic, Duration timeout) {
		FIGURES.add("requests", traffic.size());
		FIGURES.add("stalled-past-timeout", traffic.slowerThan(timeout));
		FIGURES.add("server-errors-from-turnpike",
				traffic
					.where(exchange -> exchange.status() == 500
							&& !"AuthorizerConfigurationException".equals(exchange.errorType()))
					.size());
		FIGURES.add("connection-failures", traffic.count(-1));
	}

	@Test
	void redisKilledAndRestartedWhileTrafficRunsThenFailClosedHoldsNothingStallsAndCountersMatch() throws Exception {
		RealRedis redis = closeLater(RedisExtension.isolatedKeepingData(this.configDir.resolve("redis")));
		UsagePlanFixtures fixtures = closeLater(new UsagePlanFixtures(redis));
		TestBackend backend = closeLater(TestBackend.start());
		TestConfigRepo.in(this.configDir.resolve("repo"))
			.api("metered", FaultApis.METERED)
			.stage("metered", "prod", Map.of("backend", backend.baseUrl()));
		String key = fixtures.key("k");
		fixtures.plan("p", null, new QuotaSettings(1_000_000, 0, QuotaPeriod.DAY),
				new ApiStage("metered", "prod", null));
		fixtures.attach("p", "k");
		this.gateway = RunningGateway.start(this.configDir.resolve("repo"), "spring.data.redis.url=" + redis.url(),
				"turnpike.api-keys.hash-secret=" + UsagePlanFixtures.HASH_SECRET,
				"turnpike.redis.failure-policy=fail-closed",
				// Generous: the machine running the build is busy; a late answer while
				// Redis is up must not become a 503.
				"turnpike.redis.command-timeout=1s");
		String quotaKey = RedisKeys.quotaCounter("k", "p", QuotaPeriod.DAY.windowAt(Instant.now()).start().toString());
		Duration stall = Duration.ofSeconds(2);

		Traffic up = Traffic
			.start(CONCURRENCY, 300, Duration.ofSeconds(3),
					n -> request("metered", "/prod/pets").header("x-api-key", key).build())
			.awaitEnd();
		record(up, stall);
		assertThat(up.statuses()).containsOnlyKeys(200);
		assertThat(Long.parseLong(fixtures.redis().get(quotaKey))).as("quota counter while Redis is up")
			.isEqualTo(up.count(200));

		Traffic faulted = Traffic.start(CONCURRENCY, 1_000, Duration.ofSeconds(15), Duration.ofMillis(40),
				n -> request("metered", "/prod/pets").header("x-api-key", key).build());
		Thread.sleep(500);
		long killed = System.nanoTime();
		redis.stop();
		FIGURES.add("faults-injected", 1);
		Thread.sleep(1500);
		redis.start();
		long restarted = System.nanoTime();
		long deadline = restarted + Duration.ofSeconds(5).toNanos();
		while (faulted.where(e -> e.startNanos() > restarted && e.status() == 200).isEmpty()
				&& System.nanoTime() < deadline) {
			Thread.sleep(20);
		}
		Thread.sleep(500);
		faulted.stop();
		record(faulted, stall);

		assertThat(faulted.slowerThan(stall)).as("requests stalled past the timeout").isZero();
		assertThat(faulted.statuses()).as("fail-closed: 200 from Redis, or 503").containsOnlyKeys(200, 503);
		assertThat(faulted.where(e -> e.startNanos() > killed + Duration.ofMillis(100).toNanos()
				&& e.endNanos() < restarted && e.status() == 200))
			.as("nothing admitted while Redis is down")
			.isEmpty();
		assertThat(faulted.where(e -> e.status() == 503)).allSatisfy(e -> {
			assertThat(e.errorType()).isEqualTo("ServiceUnavailableException");
			assertThat(e.body()).isEqualTo("{\"message\":\"Service Unavailable\"}");
		});
		long recovery = faulted.where(e -> e.startNanos() > restarted && e.status() == 200)
			.stream()
			.mapToLong(Traffic.Exchange::endNanos)
			.min()
			.orElse(Long.MAX_VALUE) - restarted;
		assertThat(Duration.ofNanos(recovery)).as("Redis used again after its restart")
			.isLessThanOrEqualTo(Duration.ofSeconds(2));
		// Every admitted request was counted by Redis (the data survived the restart):
		// the counter equals the 200s,
		// give or take requests whose script ran in the moment Redis died, before they
		// could be answered.
		long admitted = up.count(200) + faulted.count(200);
		assertThat(Long.parseLong(fixtures.redis().get(quotaKey))).as("quota counter after the restart")
			.isBetween(admitted, admitted + CONCURRENCY);
		assertThat(backend.requestCount()).isEqualTo((int) admitted);
		FIGURES.add("faults-survived", 1);
	}

	@Test
	void oidcIssuerDownWhileTrafficRunsThenKnownKeysKeepWorkingAndANewKeyIdFailsClosed() throws Exception {
		TestIdentityProvider idp = TestIdentityProvider.start();
		closeLater(() -> closeQuietly(idp));
		RSAKey known = TestIdentityProvider.newKey("known");
		idp.publish(known);
		TestBackend backend = closeLater(TestBackend.start());
		TestConfigRepo.in(this.configDir)
			.api("jwt", FaultApis.JWT.formatted(idp.issuer()))
			.stage("jwt", "prod", Map.of("backend", backend.baseUrl()));
		this.gateway = RunningGateway.start(this.configDir);
		Instant expires = Instant.now().plusSeconds(600);
		List<String> tokens = new ArrayList<>();
		for (int i = 0; i < 300; i++) {
			tokens.add(idp.token(known, "user-" + i, "orders-api", expires));
		}
		String rotated = idp.token(TestIdentityProvider.newKey("rotated"), "mallory", "orders-api", expires);
		assertThat(
				Traffic
					.start(1, 1, Duration.ofSeconds(10),
							n -> request("jwt", "/prod/orders").header("Authorization", "Bearer " + tokens.get(0))
								.build())
					.awaitEnd()
					.statuses())
			.containsOnlyKeys(200);

		idp.close();
		FIGURES.add("faults-injected", 1);
		// Every token is new to the gateway, so each is verified against the keys fetched
		// before the issuer went down.
		Traffic traffic = Traffic
			.start(CONCURRENCY, tokens.size() - 1, Duration.ofSeconds(20),
					n -> request("jwt", "/prod/orders").header("Authorization", "Bearer " + tokens.get(n + 1)).build())
			.awaitEnd();
		Traffic newKid = Traffic
			.start(2, 20, Duration.ofSeconds(20),
					n -> request("jwt", "/prod/orders").header("Authorization", "Bearer " + rotated).build())
			.awaitEnd();
		record(traffic, Duration.ofSeconds(3));
		record(newKid, Duration.ofSeconds(3));

		assertThat(traffic.statuses()).as("valid tokens, last-known-good keys").containsOnlyKeys(200);
		assertThat(newKid.statuses()).as("a key id the issuer never served, issuer down").containsOnlyKeys(401);
		assertThat(newKid.exchanges()).allSatisfy(e -> assertThat(e.errorType()).isEqualTo("UnauthorizedException"));
		assertThat(traffic.slowerThan(Duration.ofSeconds(3)) + newKid.slowerThan(Duration.ofSeconds(3))).isZero();
		assertThat(backend.requests()).noneMatch(r -> "mallory".equals(r.header("X-Subject")));
		assertThat(backend.requestCount()).isEqualTo(tokens.size());
		FIGURES.add("faults-survived", 1);
	}

	@Test
	void lambdaAuthorizerEndpointDownWhileTrafficRunsThenAnswers500AndNeverAllows() throws Exception {
		TestLambdaServer lambda = TestLambdaServer.start();
		closeLater(() -> closeQuietly(lambda));
		lambda.function("authorizer", event -> TestLambdaServer.Reply.json("{\"principalId\":\"u\",\"policyDocument\":"
				+ "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Action\":\"execute-api:Invoke\",\"Effect\":\"Allow\","
				+ "\"Resource\":\"*\"}]}}"));
		TestBackend backend = closeLater(TestBackend.start());
		TestConfigRepo.in(this.configDir)
			.api("guarded", FaultApis.LAMBDA_GUARDED)
			.stage("guarded", "prod", Map.of("backend", backend.baseUrl()));
		this.gateway = RunningGateway.start(this.configDir, "turnpike.lambda.endpoint-url=" + lambda.endpoint(),
				"turnpike.authorizers.lambda-timeout=1s", "turnpike.aws.account-id=123456789012");

		Traffic traffic = Traffic.start(CONCURRENCY, 400, Duration.ofSeconds(15), Duration.ofMillis(30),
				n -> request("guarded", "/prod/pets").header("Authorization", "Bearer t" + n).build());
		Thread.sleep(700);
		lambda.close();
		long down = System.nanoTime();
		FIGURES.add("faults-injected", 1);
		int reachedBeforeDown = backend.requestCount();
		traffic.awaitEnd();
		record(traffic, Duration.ofSeconds(3));

		List<Traffic.Exchange> afterDown = traffic.where(e -> e.startNanos() > down);
		assertThat(afterDown).as("requests after the endpoint went down").hasSizeGreaterThan(10);
		assertThat(afterDown).allSatisfy(e -> {
			assertThat(e.status()).isEqualTo(500);
			assertThat(e.errorType()).isEqualTo("AuthorizerConfigurationException");
			assertThat(e.body()).isEqualTo("{\"message\":null}");
		});
		assertThat(traffic.statuses()).containsOnlyKeys(200, 500);
		assertThat(traffic.slowerThan(Duration.ofSeconds(3))).isZero();
		assertThat(backend.requestCount()).as("the backend sees only requests allowed before the outage")
			.isEqualTo((int) traffic.count(200))
			.isLessThanOrEqualTo(reachedBeforeDown + CONCURRENCY);
		FIGURES.add("faults-survived", 1);
	}

	@ParameterizedTest
	@EnumSource(FaultyBackend.Fault.class)
	void backendFaultWhileTrafficRunsThenAwsStyle502Or504AndNeverA500(FaultyBackend.Fault fault) throws Exception {
		FaultyBackend backend = closeLater(FaultyBackend.start(fault));
		TestConfigRepo.in(this.configDir)
			.api("fragile", FaultApis.FRAGILE)
			.stage("fragile", "prod", Map.of("backend", backend.baseUrl()));
		this.gateway = RunningGateway.start(this.configDir);
		FIGURES.add("faults-injected", 1);
		List<String> paths = List.of("/prod/proxied", "/prod/buffered");
		Traffic traffic = Traffic
			.start(CONCURRENCY, (fault == FaultyBackend.Fault.HANG) ? 48 : 300, Duration.ofSeconds(20),
					n -> request("fragile", paths.get(n % 2)).build())
			.awaitEnd();
		// the integrations' timeoutInMillis is 1000
		record(traffic, Duration.ofSeconds(3));

		assertThat(traffic.slowerThan(Duration.ofSeconds(3))).as("requests stalled past the timeout").isZero();
		int expected = (fault == FaultyBackend.Fault.HANG) ? 504 : 502;
		String message = (expected == 504) ? "Endpoint request timed out" : "Internal server error";
		assertThat(traffic.count(500)).as("500s from Turnpike: " + traffic.where(e -> e.status() == 500)).isZero();
		assertThat(traffic.count(expected)).as(fault + " answered " + expected + ": " + traffic.statuses())
			.isPositive();
		assertThat(traffic.exchanges()).allSatisfy(e -> {
			if (e.status() == expected) {
				assertThat(e.errorType()).isEqualTo("InternalServerErrorException");
				assertThat(e.body()).isEqualTo("{\"message\":\"" + message + "\"}");
			}
			else if (e.status() == 503) {
				// the backend's circuit breaker opened after the failures
				// (resilience.md): answered without calling it
				assertThat(e.body()).isEqualTo("{\"message\":\"Service Unavailable\"}");
			}
			else {
				// a streamed (http_proxy) answer reset after its status line went out:
				// only the connection can show it
				assertThat(e.status()).as(e.toString()).isEqualTo(-1);
				assertThat(fault).isEqualTo(FaultyBackend.Fault.RESET_MID_BODY);
				assertThat(e.path()).isEqualTo("/prod/proxied");
			}
		});
		assertThat(backend.connections()).as("the backend was called").isPositive();
		FIGURES.add("faults-survived", 1);
	}

}
