package dev.turnpike.gateway.usageplan;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.turnpike.gateway.config.InvalidConfigException;
import dev.turnpike.gateway.support.MutableClock;
import dev.turnpike.gateway.support.RunningGateway;
import dev.turnpike.gateway.support.TestConfigRepo;
import dev.turnpike.test.redis.RealRedis;
import dev.turnpike.test.redis.RedisExtension;

import static dev.turnpike.gateway.support.Integrations.mock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Throttles shared by all clients: the stage's and a method's from the stage file, and
 * the gateway-wide one from the gateway's settings (off unless set).
 */
class ThrottleTests {

	@TempDir
	static Path configDir;

	static RealRedis redis;

	static MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));

	static RunningGateway gateway;

	@BeforeAll
	static void start() {
		redis = RedisExtension.shared();
		TestConfigRepo repo = TestConfigRepo.in(configDir);
		repo.api("shared", """
				openapi: 3.0.1
				info: {title: Shared, version: "1"}
				paths:
				  /hot:
				    get: {x-amazon-apigateway-integration: %s}
				  /cold:
				    get: {x-amazon-apigateway-integration: %s}
				""".formatted(mock("hot"), mock("cold")));
		repo.write("apis/shared/stages/prod.yaml", """
				variables: {}
				throttling:
				  rateLimit: 1
				  burstLimit: 6
				  methods:
				    /hot/GET: {rateLimit: 1, burstLimit: 2}
				""");
		repo.stage("shared", "open", java.util.Map.of());
		gateway = RunningGateway.start(configDir, clock, "spring.data.redis.url=" + redis.url(),
				"turnpike.throttling.rate-limit=1", "turnpike.throttling.burst-limit=10");
	}

	@AfterAll
	static void stop() {
		gateway.close();
	}

	@BeforeEach
	void later() {
		// Every test starts with full buckets.
		clock.advance(Duration.ofMinutes(5));
	}

	private static int status(String path) {
		return gateway.api("shared").get().uri(path).exchange().expectBody().returnResult().getStatus().value();
	}

	@Test
	void methodThrottleThenStageThrottleApplyToEveryClient() {
		assertThat(status("/prod/hot")).isEqualTo(200);
		assertThat(status("/prod/hot")).isEqualTo(200);
		gateway.api("shared")
			.get()
			.uri("/prod/hot")
			.exchange()
			.expectStatus()
			.isEqualTo(429)
			.expectHeader()
			.valueEquals("x-amzn-ErrorType", "TooManyRequestsException")
			.expectHeader()
			.valueEquals("Retry-After", "1")
			.expectBody()
			.json("{\"message\":\"Too Many Requests\"}", true);
		// the stage bucket (6) took the two admitted /hot requests too
		for (int i = 0; i < 4; i++) {
			assertThat(status("/prod/cold")).isEqualTo(200);
		}
		assertThat(status("/prod/cold")).isEqualTo(429);
		clock.advance(Duration.ofSeconds(1));
		assertThat(status("/prod/cold")).isEqualTo(200);
	}

	@Test
	void gatewayWideThrottleCoversEveryStage() {
		int admitted = 0;
		for (int i = 0; i < 15; i++) {
			if (status("/open/cold") == 200) {
				admitted++;
			}
		}
		assertThat(admitted).isEqualTo(10);
	}

	@Test
	void apiRequiringKeysIsRefusedWithoutAHashSecret(@TempDir Path other) {
		MeteredApi.write(other, "http://127.0.0.1:9");
		assertThatThrownBy(() -> RunningGateway.start(other, "spring.data.redis.url=" + redis.url()))
			.hasRootCauseInstanceOf(InvalidConfigException.class)
			.rootCause()
			.hasMessageContaining(
					"apis/metered/openapi.yaml: paths./pets.get.security: requires an API key, but this gateway"
							+ " has no turnpike.api-keys.hash-secret to check keys with");
	}

}
