package dev.turnpike.gateway.integration;

import org.springframework.cloud.gateway.filter.GatewayFilter;

/** The integration filter for each integration type. */
public final class IntegrationFilters {

	private final HttpProxyIntegrationGatewayFilterFactory httpProxy;

	private final HttpIntegrationGatewayFilterFactory http;

	private final MockIntegrationGatewayFilterFactory mock;

	private final LambdaProxyIntegrationGatewayFilterFactory lambdaProxy;

	private final LambdaIntegrationGatewayFilterFactory lambda;

	public IntegrationFilters(HttpProxyIntegrationGatewayFilterFactory httpProxy, HttpIntegrationGatewayFilterFactory http,
			MockIntegrationGatewayFilterFactory mock, LambdaProxyIntegrationGatewayFilterFactory lambdaProxy,
			LambdaIntegrationGatewayFilterFactory lambda) {
		this.httpProxy = httpProxy;
		this.http = http;
		this.mock = mock;
		this.lambdaProxy = lambdaProxy;
		this.lambda = lambda;
	}

	/** The filter that calls {@code target}'s integration. */
	public GatewayFilter forTarget(IntegrationTarget target) {
		IntegrationConfig config = new IntegrationConfig().setTarget(target);
		return switch (target.integration().type()) {
			case HTTP_PROXY -> this.httpProxy.apply(config);
			case HTTP -> this.http.apply(config);
			case MOCK -> this.mock.apply(config);
			case AWS_PROXY -> this.lambdaProxy.apply(config);
			case AWS -> this.lambda.apply(config);
		};
	}

}
