package dev.turnpike.gateway.usageplan;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.turnpike.gateway.support.RunningGateway;
import dev.turnpike.gateway.support.UsagePlanFixtures;
import dev.turnpike.test.backend.TestBackend;
import dev.turnpike.test.redis.RealRedis;
import dev.turnpike.test.redis.RedisExtension;
import dev.turnpike.usageplans.core.ApiStage;
import dev.turnpike.usageplans.core.QuotaPeriod;
import dev.turnpike.usageplans.core.QuotaSettings;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Redis killed and restarted while requests keep coming: each failure policy does what it
 * promises, no request waits on the dead Redis, nothing answers 500, and enforcement in
 * Redis resumes by itself.
 */
@ExtendWith(OutputCaptureExtension.class)
class RedisFailurePolicyTests {

	@TempDir
	Path configDir;

	RealRedis redis;

	UsagePlanFixtures fixtures;

	TestBackend backend;

	RunningGateway gateway;

	String key;

	@BeforeEach
	void redisOfItsOwn() {
		this.redis = RedisExtension.isolated();
		this.fixtures = new UsagePlanFixtures(this.redis);
		this.backend = TestBackend.start();
		MeteredApi.write(this.configDir, this.backend.baseUrl());
		this.key = this.fixtures.key("k");
		this.fixtures.plan("p", null, new QuotaSettings(12, 0, QuotaPeriod.DAY), new ApiStage("metered", "prod", null));
		this.fixtures.attach("p", "k");
	}

	@AfterEach
	void stop() {
		if (this.gateway != null) {
			this.gateway.close();
		}
		this.backend.close();
		this.fixtures.close();
		this.redis.close();
	}

	private int status() {
		return this.gateway.api("metered")
			.get()
			.uri("/prod/pets")
			.header("x-api-key", this.key)
			.exchange()
			.expectBody()
			.returnResult()
			.getStatus()
			.value();
	}

	/**
	 * Statuses seen while {@code phase} runs, with a client hammering the gateway; the
	 * slowest answer too.
	 */
	private Map<Integer, Integer> underLoad(Runnable phase, AtomicLong slowestMillis) throws InterruptedException {
		Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
		AtomicBoolean running = new AtomicBoolean(true);
		Thread load = new Thread(() -> {
			while (running.get()) {
				long start = System.nanoTime();
				int status = status();
				slowestMillis.accumulateAndGet(Duration.ofNanos(System.nanoTime() - start).toMillis(), Math::max);
				statuses.merge(status, 1, Integer::sum);
			}
		});
		load.start();
		phase.run();
		running.set(false);
		load.join(10_000);
		return statuses;
	}

	@ParameterizedTest
	@ValueSource(strings = { "fail-open", "fail-closed", "local" })
	void redisOutageFollowsThePolicyAndEnforcementResumesAfterwards(String policy, CapturedOutput output)
			throws Exception {
		this.gateway = RunningGateway.start(this.configDir, "spring.data.redis.url=" + this.redis.url(),
				"turnpike.api-keys.hash-secret=" + UsagePlanFixtures.HASH_SECRET,
				"turnpike.redis.failure-policy=" + policy, "turnpike.redis.command-timeout=200ms",
				"turnpike.redis.circuit-breaker.wait-in-open-state=500ms");
		for (int i = 0; i < 5; i++) {
			assertThat(status()).isEqualTo(200);
		}
		assertThat(this.fixtures.redis()
			.get("turnpike:usage:{k}:day:p:" + java.time.LocalDate.now(java.time.ZoneOffset.UTC))).isEqualTo("5");

		AtomicLong slowest = new AtomicLong();
		String[] metricsDuringOutage = new String[1];
		Map<Integer, Integer> during = underLoad(() -> {
			this.redis.stop();
			sleep(1500);
			metricsDuringOutage[0] = this.gateway.management()
				.get()
				.uri("/actuator/prometheus")
				.exchange()
				.expectBody(String.class)
				.returnResult()
				.getResponseBody();
		}, slowest);

		assertThat(metricsDuringOutage[0]).contains("turnpike_redis_available 0.0")
			.containsPattern(
					"turnpike_usage_limits_fallbacks_total\\{policy=\"" + policy.replace('-', '_') + "\"} [1-9]");
		assertThat(output.getOut())
			.contains("Redis is unavailable; usage limits now follow the failure policy '" + policy + "'");

		assertThat(during).doesNotContainKey(500);
		assertThat(slowest.get()).as("no request waits on the dead Redis").isLessThan(1500);
		List<Integer> seen = new ArrayList<>(during.keySet());
		switch (policy) {
			case "fail-open" -> assertThat(seen).containsOnly(200);
			case "fail-closed" -> assertThat(seen).contains(503).doesNotContain(429);
			default -> assertThat(seen).contains(200, 429).doesNotContain(503);
		}
		if (policy.equals("local")) {
			// One replica: its share is the whole remaining quota (12 - 5 = 7), and no
			// more.
			assertThat(during.get(200)).isLessThanOrEqualTo(7);
		}

		this.redis.start();
		// A restarted embedded Redis is empty: the key comes back, and Redis counts again
		// from zero.
		this.key = this.fixtures.key("k");
		this.fixtures.plan("p", null, new QuotaSettings(3, 0, QuotaPeriod.DAY), new ApiStage("metered", "prod", null));
		this.fixtures.attach("p", "k");
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (this.fixtures.scriptCalls() == 0 && System.nanoTime() < deadline) {
			status();
			sleep(100);
		}
		assertThat(this.fixtures.scriptCalls()).as("the gateway uses Redis again").isPositive();
		int admitted = 0;
		for (int i = 0; i < 10; i++) {
			if (status() == 200) {
				admitted++;
			}
		}
		assertThat(admitted).as("Redis enforces the quota of 3 again").isLessThanOrEqualTo(3);
		assertThat(output.getOut()).contains("Redis is available again");
	}

	@org.junit.jupiter.api.Test
	void planTagOverridesTheGatewaysFailurePolicy() throws Exception {
		this.fixtures.plan("p", null, new QuotaSettings(12, 0, QuotaPeriod.DAY),
				Map.of("turnpike:redis-failure-policy", "fail-closed"), new ApiStage("metered", "prod", null));
		this.gateway = RunningGateway.start(this.configDir, "spring.data.redis.url=" + this.redis.url(),
				"turnpike.api-keys.hash-secret=" + UsagePlanFixtures.HASH_SECRET,
				"turnpike.redis.failure-policy=fail-open", "turnpike.redis.command-timeout=200ms");
		assertThat(status()).isEqualTo(200);

		this.redis.stop();
		Map<Integer, Integer> statuses = new java.util.HashMap<>();
		for (int i = 0; i < 10; i++) {
			statuses.merge(status(), 1, Integer::sum);
		}
		assertThat(statuses).containsOnlyKeys(503);
	}

	@org.junit.jupiter.api.Test
	void aKeysFirstLookupWaitsOutABusyRedisInsteadOfRefusingTheKey() throws Exception {
		this.gateway = RunningGateway.start(this.configDir, "spring.data.redis.url=" + this.redis.url(),
				"turnpike.api-keys.hash-secret=" + UsagePlanFixtures.HASH_SECRET,
				"turnpike.redis.failure-policy=fail-closed", "turnpike.redis.command-timeout=100ms");
		// A script keeps Redis busy for 400 ms (it serves nothing else meanwhile) just as
		// this replica first sees the
		// key: the lookup (a cache miss) may wait up to turnpike.redis.lookup-timeout (1
		// s), not the 100 ms of the
		// per-request limit calls.
		Thread busy = new Thread(() -> this.fixtures.redis().eval("""
				local t = redis.call('TIME')
				local start = t[1] * 1000000 + t[2]
				while true do
				  local n = redis.call('TIME')
				  if n[1] * 1000000 + n[2] - start > 400000 then break end
				end
				return 1
				""", io.lettuce.core.ScriptOutputType.INTEGER));
		busy.start();
		sleep(50);
		long start = System.nanoTime();
		int status = status();
		long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
		busy.join(5_000);
		assertThat(millis).as("Redis was busy while the key was looked up").isGreaterThanOrEqualTo(200);
		assertThat(status).isEqualTo(200);
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
