package dev.turnpike.gateway.usageplan;

import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.web.server.ServerWebExchange;

import dev.turnpike.gateway.error.GatewayException;
import dev.turnpike.gateway.error.GatewayResponseType;
import dev.turnpike.usageplans.core.UsageLimitCall;

/**
 * Throttles shared by every client, after any usage plan's (AWS's order): the stage's
 * method-level and stage-level buckets (one Redis call, one hash-tag slot), then the
 * gateway-wide bucket. Over any of them → 429 {@code Too Many Requests} with
 * {@code Retry-After}.
 */
public class ThrottleGatewayFilterFactory extends AbstractGatewayFilterFactory<ThrottleGatewayFilterFactory.Config> {

	private final UsageLimiter limiter;

	private final UsagePlanRuntime runtime;

	ThrottleGatewayFilterFactory(UsageLimiter limiter, UsagePlanRuntime runtime) {
		super(Config.class);
		this.limiter = limiter;
		this.runtime = runtime;
	}

	/**
	 * Per-route configuration: the stage's buckets for this method, and the gateway-wide
	 * bucket.
	 */
	public static class Config {

		private List<LocalLimits.BucketCheck> stageBuckets = List.of();

		private List<LocalLimits.BucketCheck> gatewayBuckets = List.of();

		/**
		 * Buckets as (Redis key, settings) pairs; all stage buckets must share one hash
		 * tag.
		 */
		public Config of(List<LocalLimits.BucketCheck> stage, List<LocalLimits.BucketCheck> gateway) {
			this.stageBuckets = List.copyOf(stage);
			this.gatewayBuckets = List.copyOf(gateway);
			return this;
		}

		public boolean isEmpty() {
			return this.stageBuckets.isEmpty() && this.gatewayBuckets.isEmpty();
		}

	}

	@Override
	public GatewayFilter apply(Config config) {
		GatewayFilter filter = new GatewayFilter() {

			@Override
			public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
				ThrottleGatewayFilterFactory.this.runtime.ensureStarted();
				return check(config.stageBuckets).then(check(config.gatewayBuckets)).then(chain.filter(exchange));
			}

			@Override
			public String toString() {
				return "Throttle[stage=" + config.stageBuckets.stream().map(b -> b.throttle().toString()).toList()
						+ ", gateway=" + config.gatewayBuckets.stream().map(b -> b.throttle().toString()).toList()
						+ "]";
			}

		};
		// Its place in the flow (order and span) is RequestFlow.THROTTLE, given by the
		// RouteCompiler.
		return filter;
	}

	private Mono<Void> check(List<LocalLimits.BucketCheck> buckets) {
		if (buckets.isEmpty()) {
			return Mono.empty();
		}
		return Mono.defer(() -> this.limiter.throttle(buckets)).flatMap(decision -> {
			if (decision.outcome() == UsageLimitCall.Outcome.ADMITTED) {
				return Mono.empty();
			}
			long retry = Math.max(1, (decision.retryAfterMillis() + 999) / 1000);
			return Mono.error(GatewayException.of(GatewayResponseType.THROTTLED)
				.withHeaders(java.util.Map.of(RateLimitHeaders.RETRY_AFTER, Long.toString(retry))));
		});
	}

}
