package dev.turnpike.usageplans.core;

import java.time.Instant;
import java.util.List;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.turnpike.test.redis.RealRedis;
import dev.turnpike.test.redis.RedisExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The usage-limits Lua script against a real Redis. Time is passed in, so the token
 * arithmetic is exact.
 */
class UsageLimitScriptTests {

	static RealRedis redis;

	static RedisClient client;

	static StatefulRedisConnection<String, String> connection;

	static RedisCommands<String, String> commands;

	static String sha;

	private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

	private static final String QUOTA = RedisKeys.quotaCounter("k1", "p1", "2026-11-23");

	private static final String USAGE = RedisKeys.dailyUsage("k1", "p1", "2026-11-23");

	private static final String BUCKET = RedisKeys.planBucket("k1", "p1", "pets", "prod");

	private static final String METHOD_BUCKET = RedisKeys.methodBucket("k1", "p1", "pets", "prod", "/pets/GET");

	@BeforeAll
	static void connect() {
		redis = RedisExtension.shared();
		client = RedisClient.create(redis.url());
		connection = client.connect();
		commands = connection.sync();
		sha = commands.scriptLoad(UsageLimitCall.script());
	}

	@AfterAll
	static void disconnect() {
		connection.close();
		client.shutdown();
	}

	@BeforeEach
	void empty() {
		commands.flushall();
	}

	private static UsageLimitCall.Decision run(UsageLimitCall call) {
		List<Object> reply = commands.evalsha(sha, ScriptOutputType.MULTI, call.keys().toArray(String[]::new),
				call.args().toArray(String[]::new));
		return UsageLimitCall.Decision.fromReply(reply);
	}

	private static UsageLimitCall.Builder at(long millisAfterT0) {
		return UsageLimitCall.at(T0.plusMillis(millisAfterT0));
	}

	@Test
	void bucketAdmitsBurstThenRefillsAtRate() {
		ThrottleSettings throttle = new ThrottleSettings(2.0, 3);
		int admitted = 0;
		for (int i = 0; i < 10; i++) {
			if (run(at(0).bucket(BUCKET, throttle).build()).outcome() == UsageLimitCall.Outcome.ADMITTED) {
				admitted++;
			}
		}
		assertThat(admitted).isEqualTo(3);

		UsageLimitCall.Decision throttled = run(at(100).bucket(BUCKET, throttle).build());
		assertThat(throttled.outcome()).isEqualTo(UsageLimitCall.Outcome.THROTTLED);
		assertThat(throttled.retryAfterMillis()).isEqualTo(400);

		// 2 tokens/s: one token after 500 ms
		assertThat(run(at(500).bucket(BUCKET, throttle).build()).outcome()).isEqualTo(UsageLimitCall.Outcome.ADMITTED);
		assertThat(run(at(500).bucket(BUCKET, throttle).build()).outcome()).isEqualTo(UsageLimitCall.Outcome.THROTTLED);
	}

	@Test
	void admittedCountOverTimeIsBurstPlusRateTimesElapsed() {
		ThrottleSettings throttle = new ThrottleSettings(50.0, 20);
		int admitted = 0;
		// 1 000 requests, one every 4 ms: 4 s in all
		for (int i = 0; i < 1000; i++) {
			if (run(at(i * 4L).bucket(BUCKET, throttle).build()).outcome() == UsageLimitCall.Outcome.ADMITTED) {
				admitted++;
			}
		}
		double expected = 20 + 50.0 * (999 * 4) / 1000;
		assertThat((double) admitted).isCloseTo(expected, org.assertj.core.data.Percentage.withPercentage(2));
	}

	@Test
	void quotaCountsToItsLimitThenRejectsAndUsageIsCounted() {
		for (int i = 0; i < 5; i++) {
			UsageLimitCall.Decision decision = run(at(i).quota(QUOTA, 5, 3600).usage(USAGE).build());
			assertThat(decision.outcome()).isEqualTo(UsageLimitCall.Outcome.ADMITTED);
			assertThat(decision.quotaRemaining()).isEqualTo(4 - i);
		}
		UsageLimitCall.Decision exceeded = run(at(10).quota(QUOTA, 5, 3600).usage(USAGE).build());
		assertThat(exceeded.outcome()).isEqualTo(UsageLimitCall.Outcome.QUOTA_EXCEEDED);
		assertThat(commands.get(QUOTA)).isEqualTo("5");
		assertThat(commands.get(USAGE)).isEqualTo("5");
		assertThat(commands.ttl(QUOTA)).isBetween(3590L, 3600L);
		assertThat(commands.ttl(USAGE)).isGreaterThan(300L * 24 * 3600);
	}

	@Test
	void rejectionConsumesNothing() {
		ThrottleSettings plan = new ThrottleSettings(100.0, 100);
		ThrottleSettings method = new ThrottleSettings(1.0, 1);
		assertThat(
				run(at(0).quota(QUOTA, 10, 60).usage(USAGE).bucket(BUCKET, plan).bucket(METHOD_BUCKET, method).build())
					.outcome())
			.isEqualTo(UsageLimitCall.Outcome.ADMITTED);

		UsageLimitCall.Decision throttled = run(
				at(1).quota(QUOTA, 10, 60).usage(USAGE).bucket(BUCKET, plan).bucket(METHOD_BUCKET, method).build());

		assertThat(throttled.outcome()).isEqualTo(UsageLimitCall.Outcome.THROTTLED);
		assertThat(throttled.quotaRemaining()).isEqualTo(9);
		assertThat(commands.get(QUOTA)).isEqualTo("1");
		assertThat(commands.get(USAGE)).isEqualTo("1");
		assertThat(Double.parseDouble(commands.hget(BUCKET, "t"))).isEqualTo(99.0);
	}

	@Test
	void exhaustedQuotaRejectsBeforeTouchingBuckets() {
		commands.set(QUOTA, "3");
		UsageLimitCall.Decision decision = run(
				at(0).quota(QUOTA, 3, 60).bucket(BUCKET, new ThrottleSettings(1.0, 1)).build());
		assertThat(decision.outcome()).isEqualTo(UsageLimitCall.Outcome.QUOTA_EXCEEDED);
		assertThat(commands.exists(BUCKET)).isZero();
	}

	@Test
	void bucketKeyExpiresOnceItWouldBeFullAgain() {
		run(at(0).bucket(BUCKET, new ThrottleSettings(10.0, 20)).build());
		// 20 tokens at 10/s: full after 2 s, plus a second of slack
		assertThat(commands.pttl(BUCKET)).isBetween(2900L, 3000L);
	}

	@Test
	void everyKeyOfOneCallSharesOneClusterSlot() {
		UsageLimitCall call = at(0).quota(QUOTA, 1, 60)
			.usage(USAGE)
			.bucket(BUCKET, new ThrottleSettings(1.0, 1))
			.bucket(METHOD_BUCKET, new ThrottleSettings(1.0, 1))
			.build();
		assertThat(call.keys()).hasSize(4).allSatisfy(key -> assertThat(key).contains("{k1}"));
		assertThat(call.keys().stream().map(io.lettuce.core.cluster.SlotHash::getSlot).distinct()).hasSize(1);
	}

}
