package dev.turnpike.gateway.authorizer;

import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.web.server.ServerWebExchange;

import dev.turnpike.gateway.config.model.AuthorizerSpec;
import dev.turnpike.gateway.context.ApiRequestContext;
import dev.turnpike.gateway.error.GatewayException;
import dev.turnpike.gateway.error.GatewayResponseType;
import dev.turnpike.gateway.lambda.FunctionRef;
import dev.turnpike.gateway.policy.PolicyDocument;

/**
 * A method's authorizer: a Lambda authorizer (TOKEN or REQUEST) or a JWT / Cognito user
 * pool authorizer. A request it refuses never reaches the backend. With a resource
 * policy, the decisions combine as AWS combines them: a Lambda authorizer's Allow, or its
 * silence with the policy's Allow, admits; any explicit Deny refuses; a JWT or Cognito
 * authorizer's success still needs the policy's Allow.
 */
public class AuthorizerGatewayFilterFactory
		extends AbstractGatewayFilterFactory<AuthorizerGatewayFilterFactory.Config> {

	private final LambdaAuthorizer lambda;

	private final JwtAuthorizer jwt;

	private final MethodArns arns;

	public AuthorizerGatewayFilterFactory(LambdaAuthorizer lambda, JwtAuthorizer jwt, MethodArns arns) {
		super(Config.class);
		this.lambda = lambda;
		this.jwt = jwt;
		this.arns = arns;
	}

	/** Per-route configuration. */
	public static class Config {

		private AuthorizerSpec spec;

		private FunctionRef function;

		private List<String> scopes = List.of();

		private String apiId;

		private String stage;

		public Config of(AuthorizerSpec spec, FunctionRef function, List<String> scopes, String apiId, String stage) {
			this.spec = spec;
			this.function = function;
			this.scopes = List.copyOf(scopes);
			this.apiId = apiId;
			this.stage = stage;
			return this;
		}

	}

	@Override
	public GatewayFilter apply(Config config) {
		GatewayFilter filter = new GatewayFilter() {

			@Override
			public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
				return authorize(config, exchange).then(Mono.defer(() -> chain.filter(exchange)));
			}

			@Override
			public String toString() {
				return "Authorizer[" + config.spec.name() + ", " + config.spec.type()
						+ ((config.function != null) ? ", function " + config.function : "")
						+ ((config.spec.issuer() != null) ? ", issuer " + config.spec.issuer() : "")
						+ (config.scopes.isEmpty() ? "" : ", scopes " + config.scopes) + "]";
			}

		};
		// Its place in the flow (order and span) is RequestFlow.AUTHORIZER, given by the
		// RouteCompiler.
		return filter;
	}

	private Mono<Void> authorize(Config config, ServerWebExchange exchange) {
		ApiRequestContext context = ApiRequestContext.of(exchange);
		PolicyDocument.Decision resourcePolicy = exchange.getAttribute(ResourcePolicyGatewayFilterFactory.DECISION);
		if (!config.spec.type().isLambda()) {
			return this.jwt.authorize(config.spec, config.scopes, exchange, context).then(Mono.defer(() -> {
				if (resourcePolicy != null && resourcePolicy != PolicyDocument.Decision.ALLOW) {
					return Mono.error(ResourcePolicyGatewayFilterFactory.denied(resourcePolicy,
							methodArn(config, exchange, context)));
				}
				return Mono.empty();
			}));
		}
		String methodArn = methodArn(config, exchange, context);
		return this.lambda
			.authorize(config.spec, config.function, config.apiId + "/" + config.stage + "/" + config.spec.name(),
					exchange, context, methodArn)
			.flatMap(decision -> {
				if (decision == PolicyDocument.Decision.EXPLICIT_DENY) {
					return Mono
						.error(GatewayException.of(GatewayResponseType.ACCESS_DENIED, LambdaAuthorizer.EXPLICIT_DENY));
				}
				if (decision == PolicyDocument.Decision.ALLOW || resourcePolicy == PolicyDocument.Decision.ALLOW) {
					return Mono.empty();
				}
				return Mono
					.error(GatewayException.of(GatewayResponseType.ACCESS_DENIED, LambdaAuthorizer.IMPLICIT_DENY));
			});
	}

	private String methodArn(Config config, ServerWebExchange exchange, ApiRequestContext context) {
		return this.arns.methodArn(config.apiId, config.stage, exchange.getRequest().getMethod().name(),
				context.resourceRequestPath());
	}

}
