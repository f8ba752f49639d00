package dev.turnpike.gateway.resilience;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedBulkheadMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.turnpike.gateway.config.model.BackendResilience;

/**
 * One {@link BackendGuard} per backend of each stage (named
 * {@code <api>/<stage> <backend>}), with the gateway's defaults and the stage file's
 * overrides. A config reload that leaves a backend's settings unchanged keeps its guard,
 * and so its breaker's state; changed settings start a fresh one. Breaker states and
 * bulkhead use are published as Resilience4j's Micrometer metrics
 * ({@code resilience4j_circuitbreaker_state}, ...).
 */
public final class BackendGuards {

	private static final Log LOG = LogFactory.getLog(BackendGuards.class);

	private final BackendResilience defaults;

	private final CircuitBreakerRegistry breakers = CircuitBreakerRegistry.ofDefaults();

	private final BulkheadRegistry bulkheads = BulkheadRegistry.ofDefaults();

	private final Map<String, Entry> guards = new ConcurrentHashMap<>();

	private record Entry(BackendResilience settings, BackendGuard guard) {
	}

	public BackendGuards(BackendResilience defaults, MeterRegistry meters) {
		this.defaults = defaults;
		TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(this.breakers).bindTo(meters);
		TaggedBulkheadMetrics.ofBulkheadRegistry(this.bulkheads).bindTo(meters);
	}

	/** The guard for a backend of a stage, with the stage's overrides. */
	public BackendGuard guardFor(String name, BackendResilience overrides) {
		BackendResilience settings = overrides.over(this.defaults);
		Entry entry = this.guards.compute(name, (key, existing) -> {
			if (existing != null && existing.settings().equals(settings)) {
				return existing;
			}
			if (existing != null) {
				this.breakers.remove(key);
				this.bulkheads.remove(key);
			}
			return new Entry(settings, create(key, settings));
		});
		return entry.guard();
	}

	private BackendGuard create(String name, BackendResilience settings) {
		CircuitBreaker breaker = this.breakers.circuitBreaker(name,
				CircuitBreakerConfig.custom()
					.failureRateThreshold(settings.failureRateThreshold())
					.slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
					.slidingWindowSize(settings.slidingWindowSize())
					.minimumNumberOfCalls(settings.minimumNumberOfCalls())
					.waitDurationInOpenState(settings.waitDurationInOpenState())
					.permittedNumberOfCallsInHalfOpenState(settings.permittedCallsInHalfOpenState())
					.automaticTransitionFromOpenToHalfOpenEnabled(true)
					.build());
		breaker.getEventPublisher()
			.onStateTransition(event -> LOG.warn("Backend " + name + ": circuit breaker "
					+ event.getStateTransition().getFromState() + " -> " + event.getStateTransition().getToState()));
		Bulkhead bulkhead = this.bulkheads.bulkhead(name,
				BulkheadConfig.custom()
					.maxConcurrentCalls(settings.maxConcurrentCalls())
					.maxWaitDuration(Duration.ZERO)
					.build());
		return new BackendGuard(name, breaker, bulkhead, settings.retryMaxAttempts(), settings.retryWaitDuration());
	}

}
