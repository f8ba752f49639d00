package dev.turnpike.gateway.usageplan;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
 * Redis frozen ({@code SIGSTOP}: the connection stays open, nothing answers), not
 * stopped: after a few timed-out calls the circuit breaker opens and keyed requests get
 * the failure policy's answer at once instead of each waiting out
 * {@code turnpike.redis.command-timeout}; the admitted ones are counted; and once Redis
 * runs again a half-open probe finds it within two seconds.
 */
class RedisCircuitBreakerTests {

	/**
	 * Far above what a request costs without Redis, far below what waiting on Redis
	 * costs.
	 */
	private static final Duration TIMEOUT = Duration.ofMillis(400);

	private static final int REQUESTS_WHILE_FROZEN = 50;

	@org.junit.jupiter.api.io.TempDir
	Path configDir;

	RealRedis redis;

	UsagePlanFixtures fixtures;

	TestBackend backend;

	RunningGateway gateway;

	String key;

	final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@BeforeEach
	void redisOfItsOwn() {
		this.redis = RedisExtension.isolatedKeepingData(this.configDir.resolve("redis-data"));
		this.fixtures = new UsagePlanFixtures(this.redis);
		this.backend = TestBackend.start();
		MeteredApi.write(this.configDir.resolve("repo"), this.backend.baseUrl());
		this.key = this.fixtures.key("k");
		this.fixtures.plan("p", null, new QuotaSettings(1000, 0, QuotaPeriod.DAY),
				new ApiStage("metered", "prod", null));
		this.fixtures.attach("p", "k");
	}

	@AfterEach
	void stop() {
		this.redis.thaw();
		if (this.gateway != null) {
			this.gateway.close();
		}
		this.backend.close();
		this.fixtures.close();
		this.redis.close();
	}

	@ParameterizedTest
	@CsvSource({ "fail-open, 200", "fail-closed, 503", "local, 200" })
	void redisFrozenWhenBreakerOpensThenRequestsGetThePolicysAnswerWithoutWaitingAndRedisIsUsedAgainAfterThaw(
			String policy, int statusWhileFrozen) throws Exception {
		this.gateway = RunningGateway.start(this.configDir.resolve("repo"), "spring.data.redis.url=" + this.redis.url(),
				"turnpike.api-keys.hash-secret=" + UsagePlanFixtures.HASH_SECRET,
				"turnpike.redis.failure-policy=" + policy,
				"turnpike.redis.command-timeout=" + TIMEOUT.toMillis() + "ms");
		for (int i = 0; i < 3; i++) {
			assertThat(get().statusCode()).isEqualTo(200);
		}
		long scriptCallsBefore = this.fixtures.scriptCalls();

		this.redis.freeze();
		List<Long> millis = new ArrayList<>();
		List<Integer> statuses = new ArrayList<>();
		for (int i = 0; i < REQUESTS_WHILE_FROZEN; i++) {
			long start = System.nanoTime();
			HttpResponse<String> response = get();
			millis.add(Duration.ofNanos(System.nanoTime() - start).toMillis());
			statuses.add(response.statusCode());
		}
		String metrics = prometheus();
		long slow = millis.stream().filter(ms -> ms >= TIMEOUT.toMillis()).count();
		// The breaker opens after its minimum number of calls (5); at most a couple of
		// half-open probes follow.
		assertThat(slow).as("requests that waited out the Redis timeout, of %s: %s", REQUESTS_WHILE_FROZEN, millis)
			.isLessThanOrEqualTo(10);
		assertThat(statuses.subList(10, REQUESTS_WHILE_FROZEN)).as("the policy's answer")
			.containsOnly(statusWhileFrozen);
		// Open, or half-open while a probe waits on the frozen Redis; never closed.
		assertThat(metrics).contains("resilience4j_circuitbreaker_state{name=\"turnpike-redis\",state=\"closed\"} 0.0")
			.contains("turnpike_redis_available 0.0");
		if (statusWhileFrozen == 200) {
			assertThat(counter(metrics,
					"turnpike_redis_policy_admitted_total\\{policy=\"" + policy.replace('-', '_') + "\"}"))
				.as("requests the policy admitted while Redis was unavailable")
				.isEqualTo(statuses.stream().filter(status -> status == 200).count());
		}
		else {
			assertThat(metrics).doesNotContainPattern("turnpike_redis_policy_admitted_total\\{[^}]*} [1-9]");
		}

		this.redis.thaw();
		Thread.sleep(300);
		// What the gateway sent while Redis was frozen is served now; it was little,
		// because the breaker was open.
		assertThat(this.fixtures.scriptCalls() - scriptCallsBefore).as("script calls attempted while Redis was frozen")
			.isLessThanOrEqualTo(10);
		String quotaKey = "turnpike:usage:{k}:day:p:" + LocalDate.now(ZoneOffset.UTC);
		long thawed = System.nanoTime();
		long scriptCallsAtThaw = this.fixtures.scriptCalls();
		while (this.fixtures.scriptCalls() == scriptCallsAtThaw
				&& System.nanoTime() - thawed < Duration.ofSeconds(5).toNanos()) {
			get();
			Thread.sleep(20);
		}
		long recoveredMillis = Duration.ofNanos(System.nanoTime() - thawed).toMillis();
		assertThat(recoveredMillis).as("Redis used again after it came back").isLessThanOrEqualTo(2_000);
		String counted = this.fixtures.redis().get(quotaKey);
		for (int i = 0; i < 3; i++) {
			get();
		}
		assertThat(Long.parseLong(this.fixtures.redis().get(quotaKey))).as("quota counted in Redis again")
			.isGreaterThan(Long.parseLong(counted));
	}

	private HttpResponse<String> get() throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.gateway.baseUrl() + "/prod/pets"))
			.header("Host", "metered.execute-api.turnpike.test")
			.header("x-api-key", this.key)
			.timeout(Duration.ofSeconds(10))
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private String prometheus() throws Exception {
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.gateway.managementPort() + "/actuator/prometheus"))
			.timeout(Duration.ofSeconds(10))
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString()).body();
	}

	private static long counter(String metrics, String series) {
		Matcher matcher = Pattern.compile("(?m)^" + series + " ([0-9.E]+)$").matcher(metrics);
		return matcher.find() ? (long) Double.parseDouble(matcher.group(1)) : 0;
	}

	@org.junit.jupiter.api.Test
	void redisDownLongerThanTheReconnectBackoffWhenItReturnsThenUsedAgainWithinTwoSeconds() throws Exception {
		this.gateway = RunningGateway.start(this.configDir.resolve("repo"), "spring.data.redis.url=" + this.redis.url(),
				"turnpike.api-keys.hash-secret=" + UsagePlanFixtures.HASH_SECRET,
				"turnpike.redis.failure-policy=fail-closed",
				"turnpike.redis.command-timeout=" + TIMEOUT.toMillis() + "ms");
		assertThat(get().statusCode()).isEqualTo(200);
		String quotaKey = "turnpike:usage:{k}:day:p:" + LocalDate.now(ZoneOffset.UTC);
		long counted = Long.parseLong(this.fixtures.redis().get(quotaKey));

		this.redis.stop();
		long down = System.nanoTime();
		// Long enough for Lettuce's default reconnect backoff (doubling up to 30 s) to
		// space its attempts seconds apart.
		while (System.nanoTime() - down < Duration.ofSeconds(10).toNanos()) {
			assertThat(get().statusCode()).isEqualTo(503);
			Thread.sleep(250);
		}
		this.redis.start();
		long back = System.nanoTime();
		int status = 0;
		while (status != 200 && System.nanoTime() - back < Duration.ofSeconds(8).toNanos()) {
			status = get().statusCode();
			Thread.sleep(20);
		}
		long recoveredMillis = Duration.ofNanos(System.nanoTime() - back).toMillis();
		assertThat(status).isEqualTo(200);
		assertThat(recoveredMillis).as("Redis used again after it came back").isLessThanOrEqualTo(2_000);
		assertThat(Long.parseLong(this.fixtures.redis().get(quotaKey))).as("the admitted request counted in Redis")
			.isEqualTo(counted + 1);
	}

}
