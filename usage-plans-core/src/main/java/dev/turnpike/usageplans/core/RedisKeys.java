package dev.turnpike.usageplans.core;

/**
 * Every Redis key the platform uses for API keys and usage plans. Each carries a hash tag
 * (the part in braces) so that everything one operation or one script touches lives in
 * one Redis Cluster slot: a key's record and its counters share the key id's tag; a
 * plan's record and members share the plan id's tag.
 */
public final class RedisKeys {

	public static final String PREFIX = "turnpike:";

	/** Pub/sub channel on which changes to keys and plans are announced to gateways. */
	public static final String EVENTS_CHANNEL = PREFIX + "events";

	private RedisKeys() {
	}

	public static String apiKey(String keyId) {
		return PREFIX + "apikey:{" + keyId + "}";
	}

	/** The ids of the plans a key is attached to. */
	public static String apiKeyPlans(String keyId) {
		return PREFIX + "apikey:{" + keyId + "}:plans";
	}

	/**
	 * Value hash → key id (the current value and, during a rotation grace period, the
	 * previous one).
	 */
	public static String apiKeyByHash(String valueHash) {
		return PREFIX + "keyhash:{" + valueHash + "}";
	}

	/** Sorted set of every key id, scored by creation time, for listing. */
	public static String apiKeyIndex() {
		return PREFIX + "{index}:apikeys";
	}

	public static String usagePlan(String planId) {
		return PREFIX + "plan:{" + planId + "}";
	}

	/** The ids of the keys attached to a plan. */
	public static String usagePlanKeys(String planId) {
		return PREFIX + "plan:{" + planId + "}:keys";
	}

	public static String usagePlanIndex() {
		return PREFIX + "{index}:plans";
	}

	/** A key's token bucket for a plan's throttle on one API stage. */
	public static String planBucket(String keyId, String planId, String apiId, String stage) {
		return PREFIX + "usage:{" + keyId + "}:bucket:" + planId + ":" + apiId + ":" + stage;
	}

	/** A key's token bucket for a plan's per-method throttle ({@code /pets/GET}). */
	public static String methodBucket(String keyId, String planId, String apiId, String stage, String methodKey) {
		return planBucket(keyId, planId, apiId, stage) + ":" + methodKey;
	}

	/**
	 * Requests a key used against a plan's quota in the period starting on
	 * {@code periodStart} (yyyy-mm-dd).
	 */
	public static String quotaCounter(String keyId, String planId, String periodStart) {
		return PREFIX + "usage:{" + keyId + "}:quota:" + planId + ":" + periodStart;
	}

	/**
	 * Requests a key made through a plan on one UTC day (yyyy-mm-dd), for the usage API.
	 */
	public static String dailyUsage(String keyId, String planId, String day) {
		return PREFIX + "usage:{" + keyId + "}:day:" + planId + ":" + day;
	}

	/**
	 * A stage-level or method-level throttle bucket of the stage file (shared by all
	 * clients).
	 */
	public static String stageBucket(String apiId, String stage, String methodKey) {
		return PREFIX + "throttle:{" + apiId + ":" + stage + "}:" + methodKey;
	}

	/** The gateway-wide (account-level) throttle bucket. */
	public static String gatewayBucket() {
		return PREFIX + "throttle:{gateway}";
	}

	/** The audit log stream. */
	public static String auditLog() {
		return PREFIX + "{audit}:log";
	}

	/**
	 * Sorted set of live gateway replicas scored by their last heartbeat (ms), so each
	 * can divide limits among the replicas while Redis is down.
	 */
	public static String gatewayReplicas() {
		return PREFIX + "{replicas}";
	}

}
