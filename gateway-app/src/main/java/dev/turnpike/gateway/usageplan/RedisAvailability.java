package dev.turnpike.gateway.usageplan;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

import dev.turnpike.gateway.RedisFirstConnection;
import dev.turnpike.gateway.TurnpikeProperties;
import dev.turnpike.gateway.TurnpikeProperties.FailurePolicy;

/**
 * Every Redis call the request path makes goes through here: bounded by a short timeout,
 * and behind a circuit breaker so that while Redis is down requests do not wait on it at
 * all. The breaker's state is the gateway's view of Redis: logged when it changes,
 * exposed as {@code turnpike_redis_available} and as Resilience4j's
 * {@code resilience4j_circuitbreaker_*} metrics (name {@value #BREAKER}), and when Redis
 * comes back the listeners (cache invalidation) run, because change notifications may
 * have been missed meanwhile. Requests a failure policy lets through meanwhile are
 * counted in {@code turnpike_redis_policy_admitted_total{policy}}.
 */
public final class RedisAvailability {

	private static final Log LOG = LogFactory.getLog(RedisAvailability.class);

	/**
	 * The breaker's name in metrics; not a backend name, so it cannot share a series with
	 * a backend's breaker.
	 */
	static final String BREAKER = "turnpike-redis";

	private final CircuitBreaker breaker;

	private final Map<FailurePolicy, Counter> admitted = new EnumMap<>(FailurePolicy.class);

	private final Duration timeout;

	private final Duration lookupTimeout;

	private final List<Runnable> onRecovery = new CopyOnWriteArrayList<>();

	private final RedisFirstConnection firstConnection;

	public RedisAvailability(TurnpikeProperties.Redis settings, MeterRegistry meters) {
		this(settings, meters, new RedisFirstConnection());
	}

	public RedisAvailability(TurnpikeProperties.Redis settings, MeterRegistry meters,
			RedisFirstConnection firstConnection) {
		this.firstConnection = firstConnection;
		this.timeout = settings.commandTimeout();
		this.lookupTimeout = settings.lookupTimeout();
		TurnpikeProperties.CircuitBreaker cb = settings.circuitBreaker();
		CircuitBreakerRegistry registry = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
			.failureRateThreshold(cb.failureRateThreshold())
			.slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
			.slidingWindowSize(cb.slidingWindowSize())
			.minimumNumberOfCalls(cb.minimumNumberOfCalls())
			.waitDurationInOpenState(cb.waitInOpenState())
			.permittedNumberOfCallsInHalfOpenState(cb.permittedCallsInHalfOpenState())
			.automaticTransitionFromOpenToHalfOpenEnabled(true)
			.build());
		this.breaker = registry.circuitBreaker(BREAKER);
		this.breaker.getEventPublisher().onStateTransition(event -> {
			CircuitBreaker.State to = event.getStateTransition().getToState();
			if (to == CircuitBreaker.State.OPEN) {
				LOG.warn("Redis is unavailable; usage limits now follow the failure policy '"
						+ settings.failurePolicy().name().toLowerCase().replace('_', '-') + "' until it answers again");
			}
			else if (to == CircuitBreaker.State.CLOSED) {
				LOG.info("Redis is available again; usage limits are enforced in Redis");
				this.onRecovery.forEach(Runnable::run);
			}
		});
		Gauge.builder("turnpike.redis.available", this, availability -> availability.isAvailable() ? 1 : 0)
			.description("1 while the gateway's Redis calls succeed, 0 while the failure policy is in force")
			.register(meters);
		TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(registry).bindTo(meters);
		for (FailurePolicy policy : FailurePolicy.values()) {
			this.admitted.put(policy,
					Counter.builder("turnpike.redis.policy.admitted")
						.description("Requests the Redis failure policy let through while Redis was unavailable")
						.tag("policy", policy.name().toLowerCase(Locale.ROOT))
						.register(meters));
		}
	}

	/**
	 * Counts a request that {@code policy} let through because Redis could not be asked.
	 */
	void admittedByPolicy(FailurePolicy policy) {
		this.admitted.get(policy).increment();
	}

	/** Runs a Redis call with the command timeout and the breaker. */
	public <T> Mono<T> call(Mono<T> redisCall) {
		return this.firstConnection.place(redisCall)
			.timeout(this.timeout)
			.transformDeferred(CircuitBreakerOperator.of(this.breaker));
	}

	/**
	 * Runs a key or plan lookup (a cache miss) with the longer lookup timeout and the
	 * breaker: a cold replica or a briefly busy Redis must not turn a valid key's first
	 * request into a 503.
	 */
	public <T> Mono<T> lookup(Mono<T> redisCall) {
		return this.firstConnection.place(redisCall)
			.timeout(this.lookupTimeout)
			.transformDeferred(CircuitBreakerOperator.of(this.breaker));
	}

	/**
	 * Whether Redis is in use: the breaker is closed (while it is open or probing, the
	 * failure policy applies).
	 */
	public boolean isAvailable() {
		return this.breaker.getState() == CircuitBreaker.State.CLOSED;
	}

	/** Runs {@code action} each time Redis becomes available again. */
	public void onRecovery(Runnable action) {
		this.onRecovery.add(action);
	}

}
