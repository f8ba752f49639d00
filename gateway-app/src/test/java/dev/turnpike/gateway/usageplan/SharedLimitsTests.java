package dev.turnpike.gateway.usageplan;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
 * Two gateway replicas sharing one Redis enforce one set of limits, and see key changes
 * within a second.
 */
class SharedLimitsTests {

	@TempDir
	static Path configDir;

	static RealRedis redis;

	static UsagePlanFixtures fixtures;

	static TestBackend backend;

	static MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));

	static RunningGateway first;

	static RunningGateway second;

	@BeforeAll
	static void start() {
		redis = RedisExtension.shared();
		fixtures = new UsagePlanFixtures(redis);
		backend = TestBackend.start();
		MeteredApi.write(configDir, backend.baseUrl());
		String[] settings = { "spring.data.redis.url=" + redis.url(),
				"turnpike.api-keys.hash-secret=" + UsagePlanFixtures.HASH_SECRET };
		first = RunningGateway.start(configDir, clock, settings);
		second = RunningGateway.start(configDir, clock, settings);
	}

	@AfterAll
	static void stop() {
		first.close();
		second.close();
		backend.close();
		fixtures.close();
	}

	private static int status(RunningGateway gateway, String key) {
		return gateway.api("metered")
			.get()
			.uri("/prod/pets")
			.header("x-api-key", key)
			.exchange()
			.expectBody()
			.returnResult()
			.getStatus()
			.value();
	}

	@Test
	void twoReplicasTogetherAdmitNoMoreThanOneWould() {
		String key = fixtures.key("shared-key");
		fixtures.plan("shared-plan", new ThrottleSettings(1.0, 8), new QuotaSettings(12, 0, QuotaPeriod.DAY),
				new ApiStage("metered", "prod", null));
		fixtures.attach("shared-plan", "shared-key");

		int admitted = 0;
		for (int i = 0; i < 20; i++) {
			if (status((i % 2 == 0) ? first : second, key) == 200) {
				admitted++;
			}
		}
		assertThat(admitted).as("burst of 8 shared by both replicas").isEqualTo(8);

		clock.advance(Duration.ofSeconds(10));
		admitted = 0;
		for (int i = 0; i < 20; i++) {
			if (status((i % 2 == 0) ? first : second, key) == 200) {
				admitted++;
			}
		}
		assertThat(admitted).as("only 4 of the day's 12 left in the shared quota").isEqualTo(4);
		assertThat(backend.requestCount()).isEqualTo(12);
	}

	@Test
	void keyDisabledThroughOneReplicasRedisIsRejectedByTheOtherWithinOneSecond() throws InterruptedException {
		String key = fixtures.key("soon-disabled");
		fixtures.plan("plain-plan", null, null, new ApiStage("metered", "prod", null));
		fixtures.attach("plain-plan", "soon-disabled");
		assertThat(status(first, key)).isEqualTo(200);
		assertThat(status(second, key)).isEqualTo(200);

		long start = System.nanoTime();
		fixtures.disableKey("soon-disabled");
		int status = 200;
		while (status != 403 && System.nanoTime() - start < Duration.ofSeconds(3).toNanos()) {
			status = status(second, key);
			if (status != 403) {
				Thread.sleep(20);
			}
		}
		Duration took = Duration.ofNanos(System.nanoTime() - start);
		assertThat(status).isEqualTo(403);
		assertThat(took).isLessThan(Duration.ofSeconds(1));
		assertThat(status(first, key)).isEqualTo(403);
	}

}
