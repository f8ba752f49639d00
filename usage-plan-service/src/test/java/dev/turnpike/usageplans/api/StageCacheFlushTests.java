package dev.turnpike.usageplans.api;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.ApiGatewayException;

import dev.turnpike.test.redis.RealRedis;
import dev.turnpike.test.redis.RedisExtension;
import dev.turnpike.usageplans.core.ResponseCacheStore;
import dev.turnpike.usageplans.support.RunningUsagePlanService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code aws apigateway flush-stage-cache} through the AWS SDK's
 * {@code ApiGatewayClient}: the stage's entries, its LRU index and its size counters
 * leave Redis; another stage's stay; an unsigned caller flushes nothing.
 */
class StageCacheFlushTests {

	static RealRedis redis;

	static RunningUsagePlanService service;

	static ApiGatewayClient sdk;

	@BeforeAll
	static void start() {
		redis = RedisExtension.shared();
		service = RunningUsagePlanService.start(redis);
		sdk = service.sdk();
	}

	@AfterAll
	static void stop() {
		sdk.close();
		service.close();
	}

	@BeforeEach
	void entries() {
		redis.flushAll();
		for (String stage : new String[] { "prod", "dev" }) {
			redis.command("SET", ResponseCacheStore.entryPrefix("pets", stage) + "e1", "cached answer");
			redis.command("ZADD", ResponseCacheStore.lru("pets", stage), "1", "e1");
			redis.command("HSET", ResponseCacheStore.sizes("pets", stage), "e1", "13");
			redis.command("SET", ResponseCacheStore.bytes("pets", stage), "13");
		}
	}

	private static boolean exists(String key) {
		return redis.command("EXISTS", key).equals(":1");
	}

	@Test
	void flushStageCacheEmptiesThatStageOnly() {
		sdk.flushStageCache(b -> b.restApiId("pets").stageName("prod"));

		assertThat(exists(ResponseCacheStore.entryPrefix("pets", "prod") + "e1")).isFalse();
		assertThat(exists(ResponseCacheStore.lru("pets", "prod"))).isFalse();
		assertThat(exists(ResponseCacheStore.sizes("pets", "prod"))).isFalse();
		assertThat(exists(ResponseCacheStore.bytes("pets", "prod"))).isFalse();
		assertThat(exists(ResponseCacheStore.entryPrefix("pets", "dev") + "e1")).isTrue();
	}

	@Test
	void aCallerWithTheWrongSecretFlushesNothing() {
		try (ApiGatewayClient stranger = service.sdk(RunningUsagePlanService.ACCESS_KEY_ID, "not-the-secret-0000")) {
			assertThatExceptionOfType(ApiGatewayException.class)
				.isThrownBy(() -> stranger.flushStageCache(b -> b.restApiId("pets").stageName("prod")))
				.satisfies(ex -> assertThat(ex.statusCode()).isEqualTo(403));
		}
		assertThat(exists(ResponseCacheStore.entryPrefix("pets", "prod") + "e1")).isTrue();
	}

}
