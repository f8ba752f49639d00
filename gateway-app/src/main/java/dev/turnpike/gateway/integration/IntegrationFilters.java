package dev.turnpike.gateway.integration;

import org.springframework.cloud.gateway.filter.GatewayFilter;

import dev.turnpike.gateway.config.model.Stage;
import dev.turnpike.gateway.resilience.BackendGuards;

/** The integration filter for each integration type. */
public final class IntegrationFilters {

	private final HttpProxyIntegrationGatewayFilterFactory httpProxy;

	private final HttpIntegrationGatewayFilterFactory http;

	private final MockIntegrationGatewayFilterFactory mock;

	private final LambdaProxyIntegrationGatewayFilterFactory lambdaProxy;

	private final LambdaIntegrationGatewayFilterFactory lambda;

	private final BackendGuards guards;

	public IntegrationFilters(HttpProxyIntegrationGatewayFilterFactory httpProxy, HttpIntegrationGatewayFilterFactory http,
			MockIntegrationGatewayFilterFactory mock, LambdaProxyIntegrationGatewayFilterFactory lambdaProxy,
			LambdaIntegrationGatewayFilterFactory lambda, BackendGuards guards) {
		this.guards = guards;
		this.httpProxy = httpProxy;
		this.http = http;
		this.mock = mock;
		this.lambdaProxy = lambdaProxy;
		this.lambda = lambda;
	}

	/**
	 * The filter that calls {@code target}'s integration for a stage, guarded per backend (an origin such as
	 * {@code http://orders:8080}, or a Lambda function) with the stage's resilience settings.
	 */
	public GatewayFilter forTarget(String apiId, Stage stage, IntegrationTarget target) {
		IntegrationConfig config = new IntegrationConfig().setTarget(target);
		String backend = (target.uriTemplate() != null) ? target.uriTemplate().origin()
				: (target.function() != null) ? "lambda:" + target.function() : null;
		if (backend != null) {
			config.setGuard(this.guards.guardFor(apiId + "/" + stage.name() + " " + backend, stage.resilience()));
		}
		return switch (target.integration().type()) {
			case HTTP_PROXY -> this.httpProxy.apply(config);
			case HTTP -> this.http.apply(config);
			case MOCK -> this.mock.apply(config);
			case AWS_PROXY -> this.lambdaProxy.apply(config);
			case AWS -> this.lambda.apply(config);
		};
	}

}
