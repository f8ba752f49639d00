package dev.turnpike.gateway.support;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

import dev.turnpike.test.redis.RealRedis;
import dev.turnpike.usageplans.core.ApiKeyHasher;
import dev.turnpike.usageplans.core.ApiKeyRecord;
import dev.turnpike.usageplans.core.ApiStage;
import dev.turnpike.usageplans.core.ChangeEvent;
import dev.turnpike.usageplans.core.QuotaSettings;
import dev.turnpike.usageplans.core.RecordCodec;
import dev.turnpike.usageplans.core.RedisKeys;
import dev.turnpike.usageplans.core.ThrottleSettings;
import dev.turnpike.usageplans.core.UsagePlanRecord;

/**
 * Writes API keys and usage plans into Redis in the usage-plan service's format (the
 * records and key layout of {@code usage-plans-core}), and announces changes the way the
 * service does.
 */
public final class UsagePlanFixtures implements AutoCloseable {

	public static final String HASH_SECRET = "gateway-test-hash-secret-0123456789abcdef";

	private final ApiKeyHasher hasher = ApiKeyHasher.fromSecret(HASH_SECRET);

	private final RedisClient client;

	private final StatefulRedisConnection<String, String> connection;

	private final RedisCommands<String, String> redis;

	public UsagePlanFixtures(RealRedis redis) {
		this.client = RedisClient.create(redis.url());
		this.connection = this.client.connect();
		this.redis = this.connection.sync();
	}

	public RedisCommands<String, String> redis() {
		return this.redis;
	}

	/** A key with a fresh value; returns the value. */
	public String key(String id, boolean enabled, Instant expiresAt) {
		String value = ApiKeyHasher.generateValue();
		saveKey(new ApiKeyRecord(id, id, null, enabled, null, Instant.EPOCH, Instant.EPOCH, ApiKeyHasher.prefix(value),
				this.hasher.hash(value), null, null, expiresAt, List.of(), Map.of()));
		return value;
	}

	public String key(String id) {
		return key(id, true, null);
	}

	public void saveKey(ApiKeyRecord key) {
		this.redis.set(RedisKeys.apiKey(key.id()), RecordCodec.write(key));
		this.redis.set(RedisKeys.apiKeyByHash(key.valueHash()), key.id());
	}

	public ApiKeyRecord readKey(String id) {
		return RecordCodec.readApiKey(this.redis.get(RedisKeys.apiKey(id)));
	}

	public void disableKey(String id) {
		ApiKeyRecord key = readKey(id);
		saveKey(new ApiKeyRecord(key.id(), key.name(), key.description(), false, key.customerId(), key.createdDate(),
				Instant.now(), key.valuePrefix(), key.valueHash(), key.previousValueHash(),
				key.previousValueExpiresAt(), key.expiresAt(), key.stageKeys(), key.tags()));
		this.redis.publish(RedisKeys.EVENTS_CHANNEL, ChangeEvent.key(id).message());
	}

	public UsagePlanRecord plan(String id, ThrottleSettings throttle, QuotaSettings quota, ApiStage... stages) {
		return plan(id, throttle, quota, Map.of(), stages);
	}

	public UsagePlanRecord plan(String id, ThrottleSettings throttle, QuotaSettings quota, Map<String, String> tags,
			ApiStage... stages) {
		UsagePlanRecord plan = new UsagePlanRecord(id, id, null, List.of(stages), throttle, quota, null, tags,
				Instant.parse("2020-01-01T00:00:00Z"));
		this.redis.set(RedisKeys.usagePlan(id), RecordCodec.write(plan));
		this.redis.publish(RedisKeys.EVENTS_CHANNEL, ChangeEvent.plan(id).message());
		return plan;
	}

	public void attach(String planId, String keyId) {
		this.redis.sadd(RedisKeys.apiKeyPlans(keyId), planId);
		this.redis.sadd(RedisKeys.usagePlanKeys(planId), keyId);
		this.redis.publish(RedisKeys.EVENTS_CHANNEL, ChangeEvent.key(keyId).message());
	}

	/** Script calls (EVALSHA and EVAL) Redis has served so far. */
	public long scriptCalls() {
		long calls = 0;
		for (String line : this.redis.info("commandstats").split("\r?\n")) {
			if (line.startsWith("cmdstat_evalsha:") || line.startsWith("cmdstat_eval:")) {
				String stats = line.substring(line.indexOf(':') + 1);
				for (String stat : stats.split(",")) {
					if (stat.startsWith("calls=")) {
						calls += Long.parseLong(stat.substring("calls=".length()));
					}
				}
			}
		}
		return calls;
	}

	@Override
	public void close() {
		this.connection.close();
		this.client.shutdown();
	}

}
