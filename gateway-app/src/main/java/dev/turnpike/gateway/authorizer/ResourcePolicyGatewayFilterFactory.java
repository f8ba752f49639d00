package dev.turnpike.gateway.authorizer;

import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.web.server.ServerWebExchange;

import dev.turnpike.gateway.context.ApiRequestContext;
import dev.turnpike.gateway.error.GatewayException;
import dev.turnpike.gateway.error.GatewayResponseType;
import dev.turnpike.gateway.policy.PolicyDocument;

/**
 * The API's resource policy ({@code x-amazon-apigateway-policy}), evaluated first, as AWS
 * does: an explicit Deny (an {@code aws:SourceIp} block, say) refuses before any
 * authorizer runs; a method without an authorizer needs the policy's explicit Allow; with
 * an authorizer, the decision is combined with the authorizer's.
 */
public class ResourcePolicyGatewayFilterFactory
		extends AbstractGatewayFilterFactory<ResourcePolicyGatewayFilterFactory.Config> {

	/**
	 * Exchange attribute holding the policy's decision for the authorizer to combine
	 * with.
	 */
	static final String DECISION = ResourcePolicyGatewayFilterFactory.class.getName() + ".decision";

	private final MethodArns arns;

	public ResourcePolicyGatewayFilterFactory(MethodArns arns) {
		super(Config.class);
		this.arns = arns;
	}

	/** Per-route configuration. */
	public static class Config {

		private PolicyDocument policy;

		private String apiId;

		private String stage;

		private boolean authorized;

		/**
		 * @param authorized whether the method has an authorizer that completes the
		 * decision
		 */
		public Config of(PolicyDocument policy, String apiId, String stage, boolean authorized) {
			this.policy = policy;
			this.apiId = apiId;
			this.stage = stage;
			this.authorized = authorized;
			return this;
		}

	}

	@Override
	public GatewayFilter apply(Config config) {
		GatewayFilter filter = new GatewayFilter() {

			@Override
			public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
				ApiRequestContext context = ApiRequestContext.of(exchange);
				String methodArn = ResourcePolicyGatewayFilterFactory.this.arns.methodArn(config.apiId, config.stage,
						exchange.getRequest().getMethod().name(), context.resourceRequestPath());
				PolicyDocument.Decision decision = config.policy.evaluate("execute-api:Invoke", methodArn,
						Facts.of(exchange, context));
				if (decision == PolicyDocument.Decision.EXPLICIT_DENY
						|| (!config.authorized && decision != PolicyDocument.Decision.ALLOW)) {
					return Mono.error(denied(decision, methodArn));
				}
				exchange.getAttributes().put(DECISION, decision);
				return chain.filter(exchange);
			}

			@Override
			public String toString() {
				return "ResourcePolicy[" + config.policy.statements().size() + " statement(s)]";
			}

		};
		// Its place in the flow (order and span) is RequestFlow.RESOURCE_POLICY, given by
		// the RouteCompiler.
		return filter;
	}

	static GatewayException denied(PolicyDocument.Decision decision, String methodArn) {
		return GatewayException.of(GatewayResponseType.ACCESS_DENIED,
				"User: anonymous is not authorized to perform: execute-api:Invoke on resource: " + methodArn
						+ ((decision == PolicyDocument.Decision.EXPLICIT_DENY) ? " with an explicit deny" : ""));
	}

}
