package dev.turnpike.gateway.usageplan;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import dev.turnpike.gateway.TurnpikeProperties.FailurePolicy;
import dev.turnpike.gateway.error.GatewayException;
import dev.turnpike.gateway.error.GatewayResponseType;
import dev.turnpike.usageplans.core.ApiStage;
import dev.turnpike.usageplans.core.QuotaPeriod;
import dev.turnpike.usageplans.core.QuotaSettings;
import dev.turnpike.usageplans.core.RedisKeys;
import dev.turnpike.usageplans.core.ThrottleSettings;
import dev.turnpike.usageplans.core.UsageLimitCall;
import dev.turnpike.usageplans.core.UsagePlanRecord;

/**
 * Checks and consumes a request's usage limits with one call of the usage-limits Lua
 * script ({@code EVALSHA}): the plan's quota, the plan's throttle and its per-method
 * throttle for a key, all or nothing, so replicas sharing Redis never race between check
 * and increment. While Redis is unavailable the failure policy decides.
 */
public final class UsageLimiter {

	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> SCRIPT = RedisScript.of(UsageLimitCall.script(), List.class);

	private final ReactiveStringRedisTemplate redis;

	private final RedisAvailability availability;

	private final LocalLimits local;

	private final Clock clock;

	private final FailurePolicy defaultPolicy;

	private final MeterRegistry meters;

	UsageLimiter(ReactiveStringRedisTemplate redis, RedisAvailability availability, LocalLimits local, Clock clock,
			FailurePolicy defaultPolicy, MeterRegistry meters) {
		this.redis = redis;
		this.availability = availability;
		this.local = local;
		this.clock = clock;
		this.defaultPolicy = defaultPolicy;
		this.meters = meters;
		availability.onRecovery(local::reset);
	}

	/** What a usage-plan check found, with what the client is told about its limits. */
	public record Outcome(UsageLimitCall.Decision decision, ThrottleSettings throttle, QuotaSettings quota,
			QuotaPeriod.Window window, Instant now) {
	}

	/** The plan's limits for one request with one key on one API stage and method. */
	public Mono<Outcome> admit(String keyId, UsagePlanRecord plan, ApiStage apiStage, String methodKey) {
		Instant now = this.clock.instant();
		UsageLimitCall.Builder call = UsageLimitCall.at(now)
			.usage(RedisKeys.dailyUsage(keyId, plan.id(), LocalDate.ofInstant(now, ZoneOffset.UTC).toString()));
		QuotaSettings quota = plan.quota();
		QuotaPeriod.Window window = null;
		String quotaKey = null;
		long quotaLimit = 0;
		if (quota != null && quota.period() != null && quota.limit() != null) {
			window = quota.period().windowAt(now);
			quotaKey = RedisKeys.quotaCounter(keyId, plan.id(), window.start().toString());
			quotaLimit = quota.effectiveLimit(now, plan.createdDate());
			// Kept a minute past the period so late replicas with skewed clocks still see
			// it.
			call.quota(quotaKey, quotaLimit, window.secondsUntilEnd(now) + 60);
		}
		List<LocalLimits.BucketCheck> buckets = new ArrayList<>(2);
		String planBucket = RedisKeys.planBucket(keyId, plan.id(), apiStage.apiId(), apiStage.stage());
		addBucket(call, buckets, planBucket, plan.throttle());
		ThrottleSettings methodThrottle = apiStage.throttle().get(methodKey);
		addBucket(call, buckets, planBucket + ":" + methodKey, methodThrottle);
		String rememberedQuota = quotaKey;
		long limit = quotaLimit;
		QuotaPeriod.Window period = window;
		ThrottleSettings tightest = (methodThrottle != null && methodThrottle.isComplete()) ? methodThrottle
				: plan.throttle();
		return run(call.build(), policy(plan), () -> this.local.admit(now, rememberedQuota, limit, buckets), true)
			.doOnNext(decision -> {
				if (rememberedQuota != null && decision.outcome() == UsageLimitCall.Outcome.ADMITTED) {
					this.local.remember(rememberedQuota, decision.quotaRemaining());
				}
			})
			.map(decision -> new Outcome(decision, tightest, quota, period, now));
	}

	/**
	 * Runs the script once with no keys (it changes nothing) and reads a key, outside the
	 * request path's timeout, so the connection, the script cache and the code paths are
	 * warm before the first request needs them.
	 */
	Mono<Void> warmUp(java.time.Duration within) {
		UsageLimitCall nothing = UsageLimitCall.at(this.clock.instant()).build();
		return this.redis.execute(SCRIPT, nothing.keys(), nothing.args())
			.then(this.redis.opsForValue().get(RedisKeys.apiKeyByHash("warm-up")))
			.then(this.redis.opsForSet().members(RedisKeys.apiKeyPlans("warm-up")).then())
			.timeout(within)
			.onErrorResume(error -> Mono.empty());
	}

	/**
	 * Shared throttles (stage, method, gateway-wide): token buckets only, all in one
	 * hash-tag slot.
	 */
	public Mono<UsageLimitCall.Decision> throttle(List<LocalLimits.BucketCheck> buckets) {
		Instant now = this.clock.instant();
		UsageLimitCall.Builder call = UsageLimitCall.at(now);
		buckets.forEach(bucket -> call.bucket(bucket.key(), bucket.throttle()));
		return run(call.build(), this.defaultPolicy, () -> this.local.admit(now, null, 0, buckets), false);
	}

	private static void addBucket(UsageLimitCall.Builder call, List<LocalLimits.BucketCheck> buckets, String key,
			ThrottleSettings throttle) {
		if (throttle != null && throttle.isComplete()) {
			call.bucket(key, throttle);
			buckets.add(new LocalLimits.BucketCheck(key, throttle));
		}
	}

	private FailurePolicy policy(UsagePlanRecord plan) {
		String override = plan.failurePolicy();
		if (override != null) {
			try {
				return FailurePolicy.valueOf(override.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
			}
			catch (IllegalArgumentException ex) {
				// an unknown value in a tag: the gateway's own policy applies
			}
		}
		return this.defaultPolicy;
	}

	private Mono<UsageLimitCall.Decision> run(UsageLimitCall call, FailurePolicy policy,
			java.util.function.Supplier<UsageLimitCall.Decision> local, boolean keyed) {
		return this.availability
			.call(this.redis.execute(SCRIPT, call.keys(), call.args())
				.next()
				.map(reply -> UsageLimitCall.Decision.fromReply(reply)))
			.onErrorResume(error -> !(error instanceof GatewayException), error -> fallback(policy, local, keyed));
	}

	/**
	 * The failure policy's decision. Keyed requests it admits are counted as admitted by
	 * the policy (once each: a stage throttle decided by the policy on the same request
	 * is not counted again).
	 */
	private Mono<UsageLimitCall.Decision> fallback(FailurePolicy policy,
			java.util.function.Supplier<UsageLimitCall.Decision> local, boolean keyed) {
		Counter.builder("turnpike.usage_limits.fallbacks")
			.description("Requests whose usage limits were decided by the failure policy because Redis was unavailable")
			.tag("policy", policy.name().toLowerCase(Locale.ROOT))
			.register(this.meters)
			.increment();
		Mono<UsageLimitCall.Decision> decided = switch (policy) {
			case FAIL_OPEN -> Mono.just(new UsageLimitCall.Decision(UsageLimitCall.Outcome.ADMITTED, -1, -1, 0));
			case FAIL_CLOSED -> Mono.error(GatewayException.of(GatewayResponseType.LIMITS_UNAVAILABLE));
			case LOCAL -> Mono.fromSupplier(local);
		};
		return decided.doOnNext(decision -> {
			if (keyed && decision.outcome() == UsageLimitCall.Outcome.ADMITTED) {
				this.availability.admittedByPolicy(policy);
			}
		});
	}

}
