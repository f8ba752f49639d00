package dev.turnpike.usageplans.core;

/**
 * A token bucket: {@code rateLimit} tokens per second refill a bucket of
 * {@code burstLimit} tokens; each request takes one. AWS's {@code ThrottleSettings}.
 *
 * @param rateLimit steady-state requests per second (may be fractional)
 * @param burstLimit bucket capacity
 */
public record ThrottleSettings(Double rateLimit, Integer burstLimit) {

	/** Whether both values are set, so the bucket can be enforced. */
	public boolean isComplete() {
		return this.rateLimit != null && this.burstLimit != null;
	}

}
