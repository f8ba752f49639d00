package dev.turnpike.usageplans.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One call of the usage-limits Lua script
 * ({@code META-INF/turnpike/scripts/usage_limits.lua}): the keys and arguments that check
 * and consume a request's quota and token buckets atomically, built in plain Java so the
 * gateway's hot path only has to send them.
 *
 * @param keys the Redis keys, all with the same hash tag
 * @param args the script arguments
 */
public record UsageLimitCall(List<String> keys, List<String> args) {

	public static final String SCRIPT_RESOURCE = "META-INF/turnpike/scripts/usage_limits.lua";

	/**
	 * How long daily usage counters are kept (the usage API reports up to this far back).
	 */
	public static final long USAGE_TTL_SECONDS = 400L * 24 * 3600;

	private static volatile String script;

	/** The script source. */
	public static String script() {
		String loaded = script;
		if (loaded == null) {
			try (InputStream in = UsageLimitCall.class.getClassLoader().getResourceAsStream(SCRIPT_RESOURCE)) {
				if (in == null) {
					throw new IllegalStateException(SCRIPT_RESOURCE + " is missing from the classpath");
				}
				loaded = new String(in.readAllBytes(), StandardCharsets.UTF_8);
				script = loaded;
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return loaded;
	}

	public static Builder at(Instant now) {
		return new Builder(now);
	}

	/**
	 * Builds a call: add the quota, the usage counter and the buckets that apply, then
	 * {@link #build()}.
	 */
	public static final class Builder {

		private final Instant now;

		private String quotaKey;

		private long quotaLimit;

		private long quotaTtl;

		private String usageKey;

		private final List<String> bucketKeys = new ArrayList<>(2);

		private final List<String> bucketArgs = new ArrayList<>(4);

		private Builder(Instant now) {
			this.now = now;
		}

		/**
		 * Consume one request of a quota whose counter key lives until {@code ttlSeconds}
		 * from now.
		 */
		public Builder quota(String counterKey, long limit, long ttlSeconds) {
			this.quotaKey = counterKey;
			this.quotaLimit = limit;
			this.quotaTtl = Math.max(1, ttlSeconds);
			return this;
		}

		/** Count the request in a daily usage counter. */
		public Builder usage(String counterKey) {
			this.usageKey = counterKey;
			return this;
		}

		/** Take one token from a bucket (skipped when the settings are incomplete). */
		public Builder bucket(String key, ThrottleSettings throttle) {
			if (throttle != null && throttle.isComplete()) {
				this.bucketKeys.add(key);
				this.bucketArgs.add(Double.toString(Math.max(0, throttle.rateLimit())));
				this.bucketArgs.add(Integer.toString(Math.max(0, throttle.burstLimit())));
			}
			return this;
		}

		public boolean isEmpty() {
			return this.quotaKey == null && this.usageKey == null && this.bucketKeys.isEmpty();
		}

		public UsageLimitCall build() {
			List<String> keys = new ArrayList<>(this.bucketKeys.size() + 2);
			List<String> args = new ArrayList<>(6 + this.bucketArgs.size());
			args.add(Long.toString(this.now.toEpochMilli()));
			if (this.quotaKey != null) {
				keys.add(this.quotaKey);
			}
			args.add(this.quotaKey != null ? "1" : "0");
			args.add(Long.toString(this.quotaLimit));
			args.add(Long.toString(this.quotaTtl));
			if (this.usageKey != null) {
				keys.add(this.usageKey);
			}
			args.add(this.usageKey != null ? "1" : "0");
			args.add(Long.toString(USAGE_TTL_SECONDS));
			keys.addAll(this.bucketKeys);
			args.addAll(this.bucketArgs);
			return new UsageLimitCall(List.copyOf(keys), List.copyOf(args));
		}

	}

	/**
	 * What the script decided.
	 *
	 * @param outcome admitted, throttled or quota exhausted
	 * @param quotaRemaining requests left in the quota period after this one, -1 without
	 * a quota
	 * @param tokensRemaining whole tokens left in the emptiest bucket, -1 without buckets
	 * @param retryAfterMillis when throttled, how long until a token is available
	 */
	public record Decision(Outcome outcome, long quotaRemaining, long tokensRemaining, long retryAfterMillis) {

		/**
		 * Reads the script's reply ({@code {status, quota_remaining, bucket_remaining,
		 * retry_after_ms}}).
		 */
		public static Decision fromReply(List<?> reply) {
			long status = ((Number) reply.get(0)).longValue();
			Outcome outcome = (status == 0) ? Outcome.ADMITTED
					: (status == 1) ? Outcome.THROTTLED : Outcome.QUOTA_EXCEEDED;
			return new Decision(outcome, ((Number) reply.get(1)).longValue(), ((Number) reply.get(2)).longValue(),
					((Number) reply.get(3)).longValue());
		}

	}

	public enum Outcome {

		ADMITTED, THROTTLED, QUOTA_EXCEEDED

	}

}
