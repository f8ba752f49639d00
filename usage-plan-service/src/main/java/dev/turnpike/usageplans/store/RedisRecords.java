package dev.turnpike.usageplans.store;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.Limit;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.StreamRecords;
import org.springframework.data.redis.core.StringRedisTemplate;

import dev.turnpike.usageplans.core.ApiKeyRecord;
import dev.turnpike.usageplans.core.ChangeEvent;
import dev.turnpike.usageplans.core.RecordCodec;
import dev.turnpike.usageplans.core.RedisKeys;
import dev.turnpike.usageplans.core.UsagePlanRecord;

/**
 * Redis as the system of record for API keys, usage plans, their associations, usage
 * counters and the audit log, with the hash-tagged layout of {@link RedisKeys}. Writes
 * that span slots are ordered so a crash in between leaves nothing dangling that a reader
 * would trust (records before indexes, index entries removed before records).
 */
public class RedisRecords {

	private static final long AUDIT_MAX_LENGTH = 100_000;

	private final StringRedisTemplate redis;

	public RedisRecords(StringRedisTemplate redis) {
		this.redis = redis;
	}

	// API keys

	public void saveKey(ApiKeyRecord key) {
		this.redis.opsForValue().set(RedisKeys.apiKey(key.id()), RecordCodec.write(key));
		this.redis.opsForZSet().addIfAbsent(RedisKeys.apiKeyIndex(), key.id(), key.createdDate().toEpochMilli());
	}

	public ApiKeyRecord key(String id) {
		String json = this.redis.opsForValue().get(RedisKeys.apiKey(id));
		return (json != null) ? RecordCodec.readApiKey(json) : null;
	}

	/**
	 * The records of {@code ids}, in the same order, {@code null} where a record is
	 * missing.
	 */
	public List<ApiKeyRecord> keys(List<String> ids) {
		return readAll(ids, RedisKeys::apiKey, RecordCodec::readApiKey);
	}

	private <T> List<T> readAll(List<String> ids, Function<String, String> redisKey, Function<String, T> parse) {
		if (ids.isEmpty()) {
			return List.of();
		}
		List<String> values = this.redis.opsForValue().multiGet(ids.stream().map(redisKey).toList());
		List<T> records = new ArrayList<>(ids.size());
		for (int i = 0; i < ids.size(); i++) {
			String json = (values != null) ? values.get(i) : null;
			records.add((json != null) ? parse.apply(json) : null);
		}
		return records;
	}

	public void deleteKey(String id) {
		this.redis.opsForZSet().remove(RedisKeys.apiKeyIndex(), id);
		this.redis.delete(List.of(RedisKeys.apiKey(id), RedisKeys.apiKeyPlans(id)));
	}

	/**
	 * Points a value hash at a key, for the gateway's lookups; {@code ttl} for a
	 * rotated-out value.
	 */
	public void indexHash(String hash, String keyId, Duration ttl) {
		if (ttl == null) {
			this.redis.opsForValue().set(RedisKeys.apiKeyByHash(hash), keyId);
		}
		else {
			this.redis.opsForValue().set(RedisKeys.apiKeyByHash(hash), keyId, ttl);
		}
	}

	public String keyIdByHash(String hash) {
		return this.redis.opsForValue().get(RedisKeys.apiKeyByHash(hash));
	}

	public void unindexHash(String hash) {
		this.redis.delete(RedisKeys.apiKeyByHash(hash));
	}

	public List<String> keyIds(long offset, long count) {
		return range(RedisKeys.apiKeyIndex(), offset, count);
	}

	public long keyCount() {
		Long size = this.redis.opsForZSet().size(RedisKeys.apiKeyIndex());
		return (size != null) ? size : 0;
	}

	// usage plans

	public void savePlan(UsagePlanRecord plan) {
		this.redis.opsForValue().set(RedisKeys.usagePlan(plan.id()), RecordCodec.write(plan));
		this.redis.opsForZSet().addIfAbsent(RedisKeys.usagePlanIndex(), plan.id(), plan.createdDate().toEpochMilli());
	}

	public UsagePlanRecord plan(String id) {
		String json = this.redis.opsForValue().get(RedisKeys.usagePlan(id));
		return (json != null) ? RecordCodec.readUsagePlan(json) : null;
	}

	/**
	 * The records of {@code ids}, in the same order, {@code null} where a record is
	 * missing.
	 */
	public List<UsagePlanRecord> plans(List<String> ids) {
		return readAll(ids, RedisKeys::usagePlan, RecordCodec::readUsagePlan);
	}

	public long planCount() {
		Long size = this.redis.opsForZSet().size(RedisKeys.usagePlanIndex());
		return (size != null) ? size : 0;
	}

	public void deletePlan(String id) {
		this.redis.opsForZSet().remove(RedisKeys.usagePlanIndex(), id);
		this.redis.delete(List.of(RedisKeys.usagePlan(id), RedisKeys.usagePlanKeys(id)));
	}

	public List<String> planIds(long offset, long count) {
		return range(RedisKeys.usagePlanIndex(), offset, count);
	}

	// associations

	public void attach(String planId, String keyId) {
		this.redis.opsForSet().add(RedisKeys.apiKeyPlans(keyId), planId);
		this.redis.opsForSet().add(RedisKeys.usagePlanKeys(planId), keyId);
	}

	public void detach(String planId, String keyId) {
		this.redis.opsForSet().remove(RedisKeys.apiKeyPlans(keyId), planId);
		this.redis.opsForSet().remove(RedisKeys.usagePlanKeys(planId), keyId);
	}

	public Set<String> planIdsOfKey(String keyId) {
		Set<String> ids = this.redis.opsForSet().members(RedisKeys.apiKeyPlans(keyId));
		return (ids != null) ? ids : Set.of();
	}

	public Set<String> keyIdsOfPlan(String planId) {
		Set<String> ids = this.redis.opsForSet().members(RedisKeys.usagePlanKeys(planId));
		return (ids != null) ? ids : Set.of();
	}

	// usage

	/**
	 * The daily usage counters of a key in a plan for the given days (yyyy-mm-dd), 0
	 * where none.
	 */
	public List<Long> dailyUsage(String keyId, String planId, List<String> days) {
		List<String> values = this.redis.opsForValue()
			.multiGet(days.stream().map(day -> RedisKeys.dailyUsage(keyId, planId, day)).toList());
		List<Long> usage = new ArrayList<>(days.size());
		for (int i = 0; i < days.size(); i++) {
			String value = (values != null) ? values.get(i) : null;
			usage.add((value != null) ? Long.parseLong(value) : 0L);
		}
		return usage;
	}

	/**
	 * The quota counter of a key in a plan for the period starting on
	 * {@code periodStart}, or {@code null}.
	 */
	public Long quotaUsed(String keyId, String planId, String periodStart) {
		String value = this.redis.opsForValue().get(RedisKeys.quotaCounter(keyId, planId, periodStart));
		return (value != null) ? Long.parseLong(value) : null;
	}

	public void setQuotaUsed(String keyId, String planId, String periodStart, long used, Instant periodEnd) {
		this.redis.opsForValue()
			.set(RedisKeys.quotaCounter(keyId, planId, periodStart), Long.toString(used),
					Duration.between(Instant.now(), periodEnd).plusSeconds(1));
	}

	// change events and audit

	public void publish(ChangeEvent event) {
		this.redis.convertAndSend(RedisKeys.EVENTS_CHANNEL, event.message());
	}

	public void appendAudit(Map<String, String> entry) {
		MapRecord<String, String, String> record = StreamRecords.newRecord()
			.in(RedisKeys.auditLog())
			.ofMap(new LinkedHashMap<>(entry));
		this.redis.opsForStream().add(record);
		this.redis.opsForStream().trim(RedisKeys.auditLog(), AUDIT_MAX_LENGTH, true);
	}

	/** The newest audit entries first. */
	public List<Map<String, String>> auditEntries(int count) {
		List<MapRecord<String, Object, Object>> records = this.redis.opsForStream()
			.reverseRange(RedisKeys.auditLog(), Range.unbounded(), Limit.limit().count(count));
		List<Map<String, String>> entries = new ArrayList<>();
		if (records != null) {
			for (MapRecord<String, Object, Object> record : records) {
				Map<String, String> entry = new LinkedHashMap<>();
				entry.put("id", record.getId().getValue());
				record.getValue().forEach((k, v) -> entry.put(String.valueOf(k), String.valueOf(v)));
				entries.add(entry);
			}
		}
		return entries;
	}

	private List<String> range(String index, long offset, long count) {
		Set<String> ids = this.redis.opsForZSet().range(index, offset, offset + count - 1);
		return (ids != null) ? new ArrayList<>(ids) : new ArrayList<>();
	}

}
