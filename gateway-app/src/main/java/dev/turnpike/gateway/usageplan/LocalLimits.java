package dev.turnpike.gateway.usageplan;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.turnpike.usageplans.core.ThrottleSettings;
import dev.turnpike.usageplans.core.UsageLimitCall;

/**
 * In-memory limits for the {@code local} failure policy: while Redis is down each replica
 * enforces its share of every limit (rate, burst and remaining quota divided by the live
 * replicas last seen), with the same token arithmetic as the Lua script. Requests
 * admitted meanwhile are not counted in Redis.
 */
public final class LocalLimits {

	private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
		.expireAfterAccess(Duration.ofMinutes(10))
		.build();

	private final Cache<String, AtomicLong> quotaAllowances = Caffeine.newBuilder()
		.expireAfterAccess(Duration.ofHours(1))
		.build();

	private final Cache<String, Long> lastKnownRemaining = Caffeine.newBuilder()
		.maximumSize(1_000_000)
		.expireAfterWrite(Duration.ofDays(1))
		.build();

	private final IntSupplier replicas;

	LocalLimits(IntSupplier replicas) {
		this.replicas = replicas;
	}

	/**
	 * Remembers what Redis last said about a quota, as the starting point of the local
	 * share.
	 */
	void remember(String quotaKey, long remaining) {
		if (remaining >= 0) {
			this.lastKnownRemaining.put(quotaKey, remaining);
		}
	}

	/** A bucket to check: its Redis key (used as the local name too) and settings. */
	public record BucketCheck(String key, ThrottleSettings throttle) {
	}

	/**
	 * Decides locally.
	 * @param quotaKey the quota counter key, or {@code null} without a quota
	 * @param quotaLimit the quota limit in force
	 */
	synchronized UsageLimitCall.Decision admit(Instant now, String quotaKey, long quotaLimit,
			List<BucketCheck> checks) {
		int share = Math.max(1, this.replicas.getAsInt());
		AtomicLong allowance = null;
		if (quotaKey != null) {
			long remaining = this.lastKnownRemaining.asMap().getOrDefault(quotaKey, quotaLimit);
			allowance = this.quotaAllowances.get(quotaKey, k -> new AtomicLong(remaining / share));
			if (allowance.get() <= 0) {
				return new UsageLimitCall.Decision(UsageLimitCall.Outcome.QUOTA_EXCEEDED, 0, -1, 0);
			}
		}
		long retry = 0;
		for (BucketCheck check : checks) {
			Bucket bucket = this.buckets.get(check.key(), k -> new Bucket(check.throttle(), share, now));
			long wait = bucket.waitMillis(now);
			retry = Math.max(retry, wait);
		}
		if (retry > 0) {
			return new UsageLimitCall.Decision(UsageLimitCall.Outcome.THROTTLED,
					(allowance != null) ? allowance.get() : -1, 0, retry);
		}
		long tokens = Long.MAX_VALUE;
		for (BucketCheck check : checks) {
			tokens = Math.min(tokens, this.buckets.getIfPresent(check.key()).take());
		}
		long quotaRemaining = (allowance != null) ? allowance.decrementAndGet() : -1;
		return new UsageLimitCall.Decision(UsageLimitCall.Outcome.ADMITTED, quotaRemaining,
				checks.isEmpty() ? -1 : tokens, 0);
	}

	/** Forgets local state (when Redis is back, it is the truth again). */
	void reset() {
		this.buckets.invalidateAll();
		this.quotaAllowances.invalidateAll();
	}

	/** A token bucket with this replica's share of the rate and burst. */
	private static final class Bucket {

		private final double rate;

		private final double burst;

		private double tokens;

		private long last;

		Bucket(ThrottleSettings throttle, int share, Instant now) {
			this.rate = throttle.rateLimit() / share;
			this.burst = Math.max(1, throttle.burstLimit() / share);
			this.tokens = this.burst;
			this.last = now.toEpochMilli();
		}

		long waitMillis(Instant now) {
			long millis = now.toEpochMilli();
			this.tokens = Math.min(this.burst, this.tokens + Math.max(0, millis - this.last) * this.rate / 1000);
			this.last = millis;
			if (this.tokens >= 1) {
				return 0;
			}
			return (this.rate > 0) ? (long) Math.ceil((1 - this.tokens) * 1000 / this.rate) : 60_000;
		}

		long take() {
			this.tokens -= 1;
			return (long) Math.floor(this.tokens);
		}

	}

}
