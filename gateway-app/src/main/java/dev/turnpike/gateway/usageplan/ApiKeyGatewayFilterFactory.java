package dev.turnpike.gateway.usageplan;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.web.server.ServerWebExchange;

import dev.turnpike.gateway.TurnpikeProperties.FailurePolicy;
import dev.turnpike.gateway.config.model.Api;
import dev.turnpike.gateway.context.ApiRequestContext;
import dev.turnpike.gateway.error.GatewayException;
import dev.turnpike.gateway.error.GatewayResponseType;
import dev.turnpike.usageplans.core.ApiKeyHasher;
import dev.turnpike.usageplans.core.ApiStage;
import dev.turnpike.usageplans.core.UsageLimitCall;
import dev.turnpike.usageplans.core.UsagePlanRecord;

/**
 * The API key check and usage plan limits of a method that requires a key. The key comes
 * from the {@code x-api-key} header (or a Lambda authorizer's
 * {@code usageIdentifierKey}); a missing, unknown, disabled or expired key, or one whose
 * plans do not cover this API stage, gets 403 {@code Forbidden} and the backend is never
 * called. Then the plan's throttle, per-method throttle and quota are checked and
 * consumed in one Redis call: 429 {@code Too Many Requests} or {@code Limit Exceeded}
 * with {@code Retry-After} when over.
 */
public class ApiKeyGatewayFilterFactory extends AbstractGatewayFilterFactory<ApiKeyGatewayFilterFactory.Config> {

	public static final String API_KEY_HEADER = "x-api-key";

	private final ApiKeyHasher hasher;

	private final ApiKeyDirectory directory;

	private final UsageLimiter limiter;

	private final FailurePolicy defaultPolicy;

	private final Clock clock;

	private final UsagePlanRuntime runtime;

	private final RedisAvailability availability;

	ApiKeyGatewayFilterFactory(ApiKeyHasher hasher, ApiKeyDirectory directory, UsageLimiter limiter,
			FailurePolicy defaultPolicy, Clock clock, UsagePlanRuntime runtime, RedisAvailability availability) {
		super(Config.class);
		this.availability = availability;
		this.runtime = runtime;
		this.hasher = hasher;
		this.directory = directory;
		this.limiter = limiter;
		this.defaultPolicy = defaultPolicy;
		this.clock = clock;
	}

	/** Per-route configuration. */
	public static class Config {

		private String apiId;

		private String stage;

		private String resourcePath;

		private String httpMethod;

		private Api.ApiKeySource keySource = Api.ApiKeySource.HEADER;

		public Config of(String apiId, String stage, String resourcePath, String httpMethod,
				Api.ApiKeySource keySource) {
			this.apiId = apiId;
			this.stage = stage;
			this.resourcePath = resourcePath;
			this.httpMethod = httpMethod;
			this.keySource = keySource;
			return this;
		}

	}

	@Override
	public GatewayFilter apply(Config config) {
		GatewayFilter filter = new GatewayFilter() {

			@Override
			public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
				return check(config, exchange, chain);
			}

			@Override
			public String toString() {
				return "ApiKey[source=" + config.keySource + ", usage plans for " + config.apiId + "/" + config.stage
						+ "]";
			}

		};
		// Its place in the flow (order and span) is RequestFlow.API_KEY, given by the
		// RouteCompiler.
		return filter;
	}

	/** Whether keys can be checked: the hash secret is set. */
	public boolean isConfigured() {
		return this.hasher != null;
	}

	private Mono<Void> check(Config config, ServerWebExchange exchange, GatewayFilterChain chain) {
		this.runtime.ensureStarted();
		ApiRequestContext context = ApiRequestContext.of(exchange);
		String value = (config.keySource == Api.ApiKeySource.AUTHORIZER) ? context.usageIdentifierKey()
				: exchange.getRequest().getHeaders().getFirst(API_KEY_HEADER);
		if (value == null || value.isBlank() || value.length() > 256) {
			return Mono.error(GatewayException.of(GatewayResponseType.INVALID_API_KEY));
		}
		String hash = this.hasher.hash(value);
		return this.directory.grant(hash)
			.onErrorResume(error -> !(error instanceof GatewayException), error -> grantWhileRedisIsDown(hash))
			.flatMap(grant -> {
				if (grant == UNVERIFIED) {
					this.availability.admittedByPolicy(FailurePolicy.FAIL_OPEN);
					return chain.filter(exchange);
				}
				if (!grant.isKnown() || !grant.key().accepts(hash, this.clock.instant())) {
					return Mono.error(GatewayException.of(GatewayResponseType.INVALID_API_KEY));
				}
				return this.directory.plans(grant)
					.onErrorResume(error -> !(error instanceof GatewayException),
							error -> Mono.error(GatewayException.of(GatewayResponseType.LIMITS_UNAVAILABLE)))
					.flatMap(plans -> admit(config, exchange, chain, context, grant, plans, value));
			});
	}

	/**
	 * Marks "Redis is down, the key could not be checked, and the policy is fail-open".
	 */
	private static final KeyGrant UNVERIFIED = new KeyGrant(null, List.of());

	private Mono<KeyGrant> grantWhileRedisIsDown(String hash) {
		KeyGrant cached = this.directory.cachedGrant(hash);
		if (cached != null) {
			return Mono.just(cached);
		}
		return (this.defaultPolicy == FailurePolicy.FAIL_OPEN) ? Mono.just(UNVERIFIED)
				: Mono.error(GatewayException.of(GatewayResponseType.LIMITS_UNAVAILABLE));
	}

	private Mono<Void> admit(Config config, ServerWebExchange exchange, GatewayFilterChain chain,
			ApiRequestContext context, KeyGrant grant, List<UsagePlanRecord> plans, String value) {
		for (UsagePlanRecord plan : plans) {
			ApiStage apiStage = plan.apiStage(config.apiId, config.stage);
			if (apiStage != null) {
				context.apiKeyUsed(grant.key().id(), value);
				String methodKey = methodKey(apiStage, config.resourcePath, exchange.getRequest().getMethod().name());
				return this.limiter.admit(grant.key().id(), plan, apiStage, methodKey).flatMap(outcome -> {
					Map<String, String> headers = RateLimitHeaders.of(outcome);
					UsageLimitCall.Outcome result = outcome.decision().outcome();
					if (result == UsageLimitCall.Outcome.ADMITTED) {
						headers.forEach(exchange.getResponse().getHeaders()::set);
						return chain.filter(exchange);
					}
					GatewayResponseType type = (result == UsageLimitCall.Outcome.THROTTLED)
							? GatewayResponseType.THROTTLED : GatewayResponseType.QUOTA_EXCEEDED;
					return Mono.error(GatewayException.of(type).withHeaders(headers));
				});
			}
		}
		return Mono.error(GatewayException.of(GatewayResponseType.INVALID_API_KEY));
	}

	/**
	 * The plan's method throttle key: the request's method, or the resource's ANY entry.
	 */
	private static String methodKey(ApiStage apiStage, String resourcePath, String requestMethod) {
		String exact = ApiStage.methodKey(resourcePath, requestMethod);
		if (apiStage.throttle().containsKey(exact)) {
			return exact;
		}
		String any = ApiStage.methodKey(resourcePath, "ANY");
		return apiStage.throttle().containsKey(any) ? any : exact;
	}

}
