package dev.turnpike.gateway.authorizer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.server.ServerWebExchange;

import dev.turnpike.gateway.config.model.AuthorizerSpec.IdentitySource;
import dev.turnpike.gateway.config.model.AuthorizerSpec;
import dev.turnpike.gateway.context.ApiRequestContext;
import dev.turnpike.gateway.context.ContextVariables;
import dev.turnpike.gateway.error.GatewayException;
import dev.turnpike.gateway.error.GatewayResponseType;
import dev.turnpike.gateway.lambda.FunctionRef;
import dev.turnpike.gateway.lambda.LambdaInvocationException;
import dev.turnpike.gateway.lambda.LambdaInvoker;
import dev.turnpike.gateway.lambda.LambdaResult;
import dev.turnpike.gateway.policy.PolicyDocument;
import dev.turnpike.gateway.policy.RequestFacts;

/**
 * Lambda authorizers, TOKEN and REQUEST, with API Gateway's contract: identity taken from
 * the identity sources (a missing one is 401 without calling the function), the event
 * sent to the function, its policy evaluated against the method ARN (explicit Deny wins),
 * and its decision cached for {@code authorizerResultTtlInSeconds} keyed by the identity
 * values, so one call covers many requests and, where the policy allows, many methods.
 */
public final class LambdaAuthorizer {

	static final String EXPLICIT_DENY = "User is not authorized to access this resource with an explicit deny";

	static final String IMPLICIT_DENY = "User is not authorized to access this resource";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final LambdaInvoker invoker;

	private final Duration timeout;

	private final String accountId;

	private final Cache<String, Cached> decisions;

	private final Counter calls;

	private final Counter cacheHits;

	private record Cached(AuthorizerOutput output, long ttlNanos) {
	}

	public LambdaAuthorizer(LambdaInvoker invoker, Duration timeout, String accountId, long cacheSize,
			MeterRegistry meters) {
		this.invoker = invoker;
		this.timeout = timeout;
		this.accountId = accountId;
		this.decisions = Caffeine.newBuilder().maximumSize(cacheSize).expireAfter(new Expiry<String, Cached>() {

			@Override
			public long expireAfterCreate(String key, Cached value, long currentTime) {
				return value.ttlNanos();
			}

			@Override
			public long expireAfterUpdate(String key, Cached value, long currentTime, long currentDuration) {
				return value.ttlNanos();
			}

			@Override
			public long expireAfterRead(String key, Cached value, long currentTime, long currentDuration) {
				return currentDuration;
			}

		}).build();
		this.calls = Counter.builder("turnpike.authorizer.calls")
			.tag("type", "lambda")
			.description("Lambda authorizer invocations")
			.register(meters);
		this.cacheHits = Counter.builder("turnpike.authorizer.cache.hits")
			.tag("type", "lambda")
			.description("Requests decided by a cached Lambda authorizer decision")
			.register(meters);
	}

	/**
	 * Authorizes the request, recording the principal and context in its
	 * {@link ApiRequestContext}.
	 * @param cacheScope what the decision is cached for (API, stage and authorizer)
	 */
	public Mono<PolicyDocument.Decision> authorize(AuthorizerSpec spec, FunctionRef function, String cacheScope,
			ServerWebExchange exchange, ApiRequestContext context, String methodArn) {
		List<String> identity = identityValues(spec, exchange, context);
		if (identity == null) {
			return Mono.error(GatewayException.of(GatewayResponseType.UNAUTHORIZED));
		}
		if (spec.type() == AuthorizerSpec.Type.TOKEN && spec.identityValidationExpression() != null
				&& !spec.identityValidationExpression().matcher(identity.get(0)).matches()) {
			return Mono.error(GatewayException.of(GatewayResponseType.UNAUTHORIZED));
		}
		String key = cacheScope + "\u0000" + String.join("\u0000", identity);
		Cached cached = (spec.resultTtlSeconds() > 0) ? this.decisions.getIfPresent(key) : null;
		Mono<AuthorizerOutput> output;
		if (cached != null) {
			this.cacheHits.increment();
			output = Mono.just(cached.output());
		}
		else {
			byte[] event;
			if (spec.type() == AuthorizerSpec.Type.TOKEN) {
				event = AuthorizerEvents.token(identity.get(0), methodArn);
			}
			else if (spec.isPayload20()) {
				event = AuthorizerEvents.requestV2(exchange, context, methodArn, this.accountId, identity);
			}
			else {
				event = AuthorizerEvents.request(exchange, context, methodArn, this.accountId, identity);
			}
			output = invoke(function, event, spec.simpleResponses()).doOnNext(result -> {
				if (spec.resultTtlSeconds() > 0) {
					this.decisions.put(key, new Cached(result, Duration.ofSeconds(spec.resultTtlSeconds()).toNanos()));
				}
			});
		}
		RequestFacts facts = Facts.of(exchange, context);
		return output.map(result -> decide(result, context, methodArn, facts));
	}

	private Mono<AuthorizerOutput> invoke(FunctionRef function, byte[] event, boolean simple) {
		this.calls.increment();
		return this.invoker.invoke(function, event, this.timeout)
			.onErrorMap(LambdaInvocationException.class, LambdaAuthorizer::invocationFailure)
			.map(result -> output(result, simple));
	}

	/**
	 * A function that did not answer in time is an {@code AUTHORIZER_FAILURE}; one that
	 * could not be invoked at all (endpoint down or refusing, the Lambda service
	 * answering an error) is an {@code AUTHORIZER_CONFIGURATION_ERROR}, as on AWS. Both
	 * are 500 and never let the request through.
	 */
	private static GatewayException invocationFailure(LambdaInvocationException error) {
		GatewayResponseType type = (error.getCause() instanceof java.util.concurrent.TimeoutException)
				? GatewayResponseType.AUTHORIZER_FAILURE : GatewayResponseType.AUTHORIZER_CONFIGURATION_ERROR;
		return GatewayException.withStatus(type, 500, error);
	}

	private static AuthorizerOutput output(LambdaResult result, boolean simple) {
		if (result.isFunctionError()) {
			throw "Unauthorized".equals(errorMessage(result)) ? GatewayException.of(GatewayResponseType.UNAUTHORIZED)
					: GatewayException.of(GatewayResponseType.AUTHORIZER_CONFIGURATION_ERROR);
		}
		try {
			return simple ? AuthorizerOutput.parseSimple(result.payload()) : AuthorizerOutput.parse(result.payload());
		}
		catch (AuthorizerOutput.MalformedException ex) {
			throw GatewayException.withStatus(GatewayResponseType.AUTHORIZER_CONFIGURATION_ERROR, 500, ex);
		}
	}

	private static String errorMessage(LambdaResult result) {
		try {
			JsonNode error = JSON.readTree(result.payload());
			JsonNode message = (error != null) ? error.get("errorMessage") : null;
			return (message != null) ? message.asString() : null;
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	private static PolicyDocument.Decision decide(AuthorizerOutput output, ApiRequestContext context, String methodArn,
			RequestFacts facts) {
		PolicyDocument.Decision decision = output.policy().evaluate("execute-api:Invoke", methodArn, facts);
		context.authorized(new ApiRequestContext.AuthorizerResult(output.principalId(), output.context(), Map.of()));
		if (output.usageIdentifierKey() != null) {
			context.usageIdentifierKey(output.usageIdentifierKey());
		}
		return decision;
	}

	/**
	 * The identity values, or {@code null} when one is missing or empty (401 without
	 * calling the function).
	 */
	static List<String> identityValues(AuthorizerSpec spec, ServerWebExchange exchange, ApiRequestContext context) {
		List<String> values = new ArrayList<>(spec.identitySources().size());
		for (IdentitySource source : spec.identitySources()) {
			String value = switch (source.kind()) {
				case HEADER -> exchange.getRequest().getHeaders().getFirst(source.name());
				case QUERYSTRING -> exchange.getRequest().getQueryParams().getFirst(source.name());
				case STAGE_VARIABLE -> context.stageVariables().get(source.name());
				case CONTEXT -> ContextVariables.resolve(source.name(), exchange, context);
			};
			if (value == null || value.isBlank()) {
				return null;
			}
			values.add(value);
		}
		return values;
	}

	/**
	 * Drops every cached decision (a config reload may have changed what the authorizers
	 * mean).
	 */
	public void invalidateAll() {
		this.decisions.invalidateAll();
	}

}
