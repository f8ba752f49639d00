package dev.turnpike.gateway.config.model;

import java.time.Duration;

/**
 * A stage's overrides of how the gateway protects its backends ({@code resilience:} in
 * the stage file); every field left out keeps the gateway-wide default
 * ({@code turnpike.resilience.*}).
 *
 * <pre>
 * resilience:
 *   circuitBreaker: {failureRateThreshold: 50, slidingWindowSize: 50, minimumNumberOfCalls: 20,
 *                    waitDurationInOpenState: 10s, permittedCallsInHalfOpenState: 5}
 *   bulkhead: {maxConcurrentCalls: 200}
 *   retry: {maxAttempts: 3, waitDuration: 100ms}
 * </pre>
 *
 * @param failureRateThreshold percentage of failed calls that opens the breaker
 * @param slidingWindowSize calls the failure rate is computed over
 * @param minimumNumberOfCalls calls needed before the rate counts
 * @param waitDurationInOpenState how long an open breaker refuses calls before letting
 * trial calls through
 * @param permittedCallsInHalfOpenState trial calls a half-open breaker lets through
 * @param maxConcurrentCalls calls a backend may have in flight at once (the bulkhead)
 * @param retryMaxAttempts attempts per request, the first included (1: no retries);
 * idempotent methods only
 * @param retryWaitDuration the pause between attempts
 */
public record BackendResilience(Float failureRateThreshold, Integer slidingWindowSize, Integer minimumNumberOfCalls,
		Duration waitDurationInOpenState, Integer permittedCallsInHalfOpenState, Integer maxConcurrentCalls,
		Integer retryMaxAttempts, Duration retryWaitDuration) {

	public static final BackendResilience NONE = new BackendResilience(null, null, null, null, null, null, null, null);

	/** These settings, each missing one taken from {@code defaults}. */
	public BackendResilience over(BackendResilience defaults) {
		return new BackendResilience(or(this.failureRateThreshold, defaults.failureRateThreshold),
				or(this.slidingWindowSize, defaults.slidingWindowSize),
				or(this.minimumNumberOfCalls, defaults.minimumNumberOfCalls),
				or(this.waitDurationInOpenState, defaults.waitDurationInOpenState),
				or(this.permittedCallsInHalfOpenState, defaults.permittedCallsInHalfOpenState),
				or(this.maxConcurrentCalls, defaults.maxConcurrentCalls),
				or(this.retryMaxAttempts, defaults.retryMaxAttempts),
				or(this.retryWaitDuration, defaults.retryWaitDuration));
	}

	private static <T> T or(T value, T fallback) {
		return (value != null) ? value : fallback;
	}

}
