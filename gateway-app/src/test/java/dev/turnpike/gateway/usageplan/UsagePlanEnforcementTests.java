package dev.turnpike.gateway.usageplan;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.turnpike.gateway.support.MutableClock;
import dev.turnpike.gateway.support.RunningGateway;
import dev.turnpike.gateway.support.UsagePlanFixtures;
import dev.turnpike.test.backend.TestBackend;
import dev.turnpike.test.redis.RealRedis;
import dev.turnpike.test.redis.RedisExtension;
import dev.turnpike.usageplans.core.ApiStage;
import dev.turnpike.usageplans.core.QuotaPeriod;
import dev.turnpike.usageplans.core.QuotaSettings;
import dev.turnpike.usageplans.core.ThrottleSettings;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * API keys and usage plans over real HTTP with a real Redis: the exact rejections,
 * throttle and quota arithmetic (time injected), one script call per keyed request, and
 * limits shared by two gateways.
 */
class UsagePlanEnforcementTests {

	private static final AtomicInteger IDS = new AtomicInteger();

	@TempDir
	static Path configDir;

	static RealRedis redis;

	static UsagePlanFixtures fixtures;

	static TestBackend backend;

	static MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));

	static RunningGateway gateway;

	@BeforeAll
	static void start() {
		redis = RedisExtension.shared();
		fixtures = new UsagePlanFixtures(redis);
		backend = TestBackend.start();
		MeteredApi.write(configDir, backend.baseUrl());
		gateway = RunningGateway.start(configDir, clock, "spring.data.redis.url=" + redis.url(),
				"turnpike.api-keys.hash-secret=" + UsagePlanFixtures.HASH_SECRET);
	}

	@AfterAll
	static void stop() {
		gateway.close();
		backend.close();
		fixtures.close();
	}

	@BeforeEach
	void reset() {
		backend.reset();
		clock.set(Instant.parse("2026-11-23T10:00:00Z"));
	}

	private static String id(String prefix) {
		return prefix + IDS.incrementAndGet();
	}

	private static WebTestClient.ResponseSpec get(RunningGateway on, String path, String key) {
		WebTestClient.RequestHeadersSpec<?> request = on.api("metered").get().uri(path);
		if (key != null) {
			request = request.header("x-api-key", key);
		}
		return request.exchange();
	}

	private static int status(RunningGateway on, String key) {
		EntityExchangeResult<byte[]> result = get(on, "/prod/pets", key).expectBody().returnResult();
		return result.getStatus().value();
	}

	private static void expectForbidden(String key) {
		get(gateway, "/prod/pets", key).expectStatus()
			.isForbidden()
			.expectHeader()
			.valueEquals("x-amzn-ErrorType", "ForbiddenException")
			.expectHeader()
			.exists("x-amzn-RequestId")
			.expectBody()
			.json("{\"message\":\"Forbidden\"}", true);
	}

	/**
	 * A key in a plan covering metered/prod with the given limits; returns the key value.
	 */
	private static String keyInPlan(ThrottleSettings throttle, QuotaSettings quota, ApiStage stage) {
		String keyId = id("key");
		String planId = id("plan");
		String value = fixtures.key(keyId);
		fixtures.plan(planId, throttle, quota, stage);
		fixtures.attach(planId, keyId);
		return value;
	}

	private static ApiStage prod() {
		return new ApiStage("metered", "prod", null);
	}

	@Test
	void missingUnknownDisabledExpiredOrUncoveredKeysAreForbiddenAndNeverReachTheBackend() {
		expectForbidden(null);
		expectForbidden("");
		expectForbidden("not-a-key-anyone-issued-0123456789");

		String disabledId = id("key");
		String disabled = fixtures.key(disabledId, false, null);
		String planId = id("plan");
		fixtures.plan(planId, null, null, prod());
		fixtures.attach(planId, disabledId);
		expectForbidden(disabled);

		String expiredId = id("key");
		String expired = fixtures.key(expiredId, true, clock.instant().minusSeconds(1));
		fixtures.attach(planId, expiredId);
		expectForbidden(expired);

		String devOnly = keyInPlan(null, null, new ApiStage("metered", "dev", null));
		expectForbidden(devOnly);

		String planless = fixtures.key(id("key"));
		expectForbidden(planless);

		assertThat(backend.requestCount()).isZero();
	}

	@Test
	void validKeyIsAdmittedWithRateLimitHeadersAndMethodsWithoutKeysIgnoreIt() {
		String key = keyInPlan(new ThrottleSettings(10.0, 20), new QuotaSettings(1000, 0, QuotaPeriod.MONTH), prod());

		get(gateway, "/prod/pets", key).expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("RateLimit-Policy", "\"throttle\";q=20;w=2, \"quota\";q=1000;w=2592000")
			.expectHeader()
			.value("RateLimit", value -> assertThat(value).startsWith("\"throttle\";r=19;t=1, \"quota\";r=999;t="));
		assertThat(backend.lastRequest().header("x-api-key")).isEqualTo(key);
		get(gateway, "/prod/open", null).expectStatus().isOk();
		assertThat(backend.requestCount()).isEqualTo(2);
	}

	@Test
	void throttleAdmitsBurstThenAnswers429UntilTokensRefill() {
		String key = keyInPlan(new ThrottleSettings(1.0, 5), null, prod());

		for (int i = 0; i < 5; i++) {
			get(gateway, "/prod/pets", key).expectStatus().isOk();
		}
		get(gateway, "/prod/pets", key).expectStatus()
			.isEqualTo(429)
			.expectHeader()
			.valueEquals("x-amzn-ErrorType", "TooManyRequestsException")
			.expectHeader()
			.valueEquals("Retry-After", "1")
			.expectHeader()
			.exists("x-amzn-RequestId")
			.expectBody()
			.json("{\"message\":\"Too Many Requests\"}", true);
		assertThat(backend.requestCount()).isEqualTo(5);

		clock.advance(Duration.ofMillis(1000));
		get(gateway, "/prod/pets", key).expectStatus().isOk();
		get(gateway, "/prod/pets", key).expectStatus().isEqualTo(429);
	}

	@Test
	void admittedCountMatchesBurstPlusRateTimesElapsedWithinTwoPercent() {
		String key = keyInPlan(new ThrottleSettings(2.0, 5), null, prod());
		int admitted = 0;
		int requests = 300;
		for (int i = 0; i < requests; i++) {
			if (status(gateway, key) == 200) {
				admitted++;
			}
			clock.advance(Duration.ofMillis(100));
		}
		double elapsedSeconds = (requests - 1) * 0.1;
		double expected = 5 + 2.0 * elapsedSeconds;
		assertThat((double) admitted).isCloseTo(expected, org.assertj.core.data.Percentage.withPercentage(2));
		assertThat(backend.requestCount()).isEqualTo(admitted);
	}

	@Test
	void perMethodThrottleOverridesThePlansForThatMethodOnly() {
		ApiStage stage = new ApiStage("metered", "prod", java.util.Map.of("/pets/GET", new ThrottleSettings(1.0, 1)));
		String key = keyInPlan(new ThrottleSettings(100.0, 100), null, stage);

		get(gateway, "/prod/pets", key).expectStatus().isOk();
		get(gateway, "/prod/pets", key).expectStatus().isEqualTo(429);
		gateway.api("metered").post().uri("/prod/pets").header("x-api-key", key).exchange().expectStatus().isOk();
		gateway.api("metered").post().uri("/prod/pets").header("x-api-key", key).exchange().expectStatus().isOk();
	}

	@Test
	void quotaExhaustedAnswersLimitExceededUntilTheNextUtcDay() {
		clock.set(Instant.parse("2026-11-23T23:59:58Z"));
		String key = keyInPlan(null, new QuotaSettings(3, 0, QuotaPeriod.DAY), prod());

		for (int i = 0; i < 3; i++) {
			get(gateway, "/prod/pets", key).expectStatus().isOk();
		}
		get(gateway, "/prod/pets", key).expectStatus()
			.isEqualTo(429)
			.expectHeader()
			.valueEquals("x-amzn-ErrorType", "LimitExceededException")
			.expectHeader()
			.valueEquals("Retry-After", "2")
			.expectBody()
			.json("{\"message\":\"Limit Exceeded\"}", true);

		clock.set(Instant.parse("2026-11-23T23:59:59.999Z"));
		get(gateway, "/prod/pets", key).expectStatus().isEqualTo(429);
		clock.set(Instant.parse("2026-11-24T00:00:00Z"));
		get(gateway, "/prod/pets", key).expectStatus().isOk();
	}

	@Test
	void weeklyQuotaRollsOverOnSundayUtcAndMonthlyOnTheFirst() {
		clock.set(Instant.parse("2026-11-28T23:00:00Z"));
		String weekly = keyInPlan(null, new QuotaSettings(1, 0, QuotaPeriod.WEEK), prod());
		get(gateway, "/prod/pets", weekly).expectStatus().isOk();
		get(gateway, "/prod/pets", weekly).expectStatus().isEqualTo(429);
		clock.set(Instant.parse("2026-11-29T00:00:00Z"));
		get(gateway, "/prod/pets", weekly).expectStatus().isOk();

		clock.set(Instant.parse("2027-02-28T12:00:00Z"));
		String monthly = keyInPlan(null, new QuotaSettings(1, 0, QuotaPeriod.MONTH), prod());
		get(gateway, "/prod/pets", monthly).expectStatus().isOk();
		clock.set(Instant.parse("2027-02-28T23:59:59Z"));
		get(gateway, "/prod/pets", monthly).expectStatus().isEqualTo(429);
		clock.set(Instant.parse("2027-03-01T00:00:00Z"));
		get(gateway, "/prod/pets", monthly).expectStatus().isOk();
	}

	@Test
	void eachKeyedRequestMakesExactlyOneScriptCall() {
		String key = keyInPlan(new ThrottleSettings(1000.0, 1000), new QuotaSettings(1000, 0, QuotaPeriod.DAY), prod());
		get(gateway, "/prod/pets", key).expectStatus().isOk();

		long before = fixtures.scriptCalls();
		for (int i = 0; i < 25; i++) {
			get(gateway, "/prod/pets", key).expectStatus().isOk();
		}
		assertThat(fixtures.scriptCalls() - before).isEqualTo(25);
	}

	@Test
	void usageIsCountedPerKeyPerUtcDayForTheUsageApi() {
		String keyId = id("key");
		String planId = id("plan");
		String value = fixtures.key(keyId);
		fixtures.plan(planId, null, new QuotaSettings(100, 0, QuotaPeriod.MONTH), prod());
		fixtures.attach(planId, keyId);
		for (int i = 0; i < 4; i++) {
			get(gateway, "/prod/pets", value).expectStatus().isOk();
		}
		assertThat(fixtures.redis().get("turnpike:usage:{" + keyId + "}:day:" + planId + ":2026-11-23")).isEqualTo("4");
	}

}
