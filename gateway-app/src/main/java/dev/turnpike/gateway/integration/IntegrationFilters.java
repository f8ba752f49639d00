package dev.turnpike.gateway.integration;

import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.server.ServerWebExchange;

import dev.turnpike.gateway.context.Bodies;
import dev.turnpike.gateway.config.model.Stage;
import dev.turnpike.gateway.context.ApiRequestContext;
import dev.turnpike.gateway.resilience.BackendGuards;

/** The integration filter for each integration type. */
public final class IntegrationFilters {

	private final HttpProxyIntegrationGatewayFilterFactory httpProxy;

	private final HttpIntegrationGatewayFilterFactory http;

	private final MockIntegrationGatewayFilterFactory mock;

	private final LambdaProxyIntegrationGatewayFilterFactory lambdaProxy;

	private final LambdaIntegrationGatewayFilterFactory lambda;

	private final BackendGuards guards;

	public IntegrationFilters(HttpProxyIntegrationGatewayFilterFactory httpProxy,
			HttpIntegrationGatewayFilterFactory http, MockIntegrationGatewayFilterFactory mock,
			LambdaProxyIntegrationGatewayFilterFactory lambdaProxy, LambdaIntegrationGatewayFilterFactory lambda,
			BackendGuards guards) {
		this.guards = guards;
		this.httpProxy = httpProxy;
		this.http = http;
		this.mock = mock;
		this.lambdaProxy = lambdaProxy;
		this.lambda = lambda;
	}

	/**
	 * The filter that calls {@code target}'s integration for a stage, guarded per backend
	 * (an origin such as {@code http://orders:8080}, or a Lambda function) with the
	 * stage's resilience settings.
	 */
	public GatewayFilter forTarget(String apiId, Stage stage, IntegrationTarget target) {
		IntegrationConfig config = new IntegrationConfig().setTarget(target);
		String backend = (target.uriTemplate() != null) ? target.uriTemplate().origin()
				: (target.function() != null) ? "lambda:" + target.function() : null;
		if (backend != null) {
			config.setGuard(this.guards.guardFor(apiId + "/" + stage.name() + " " + backend, stage.resilience()));
		}
		return switch (target.integration().type()) {
			case HTTP_PROXY -> timed(this.httpProxy.apply(config));
			case HTTP -> timed(this.http.apply(config));
			case MOCK -> this.mock.apply(config);
			case AWS_PROXY -> timed(this.lambdaProxy.apply(config));
			case AWS -> timed(this.lambda.apply(config));
		};
	}

	/**
	 * An integration filter (the last of a route) for the integrations that buffer: it
	 * reads the client's body, at most {@code maxPayloadBytes}, and hands it to
	 * {@code call}; {@code description} names it in {@code /actuator/gateway/routes}.
	 */
	static GatewayFilter buffered(String description, int maxPayloadBytes,
			java.util.function.BiFunction<ServerWebExchange, byte[], Mono<Void>> call) {
		GatewayFilter filter = new GatewayFilter() {

			@Override
			public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
				return Bodies.read(exchange, maxPayloadBytes).flatMap(body -> call.apply(exchange, body));
			}

			@Override
			public String toString() {
				return description;
			}

		};
		return filter;
	}

	/**
	 * Measures the backend call ({@code $context.integrationLatency},
	 * {@code $context.integrationStatus}): from the integration filter's start to its
	 * end, unless the filter reported the backend's answer itself.
	 */
	private static GatewayFilter timed(GatewayFilter integration) {
		GatewayFilter timed = new GatewayFilter() {

			@Override
			public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
				ApiRequestContext context = ApiRequestContext.of(exchange);
				context.integrationStarted();
				return integration.filter(exchange, chain).doFinally(signal -> {
					HttpStatusCode status = exchange.getResponse().getStatusCode();
					context.integrationFinished((status != null) ? status.value() : 0);
				});
			}

			@Override
			public String toString() {
				return integration.toString();
			}

		};
		return timed;
	}

}
