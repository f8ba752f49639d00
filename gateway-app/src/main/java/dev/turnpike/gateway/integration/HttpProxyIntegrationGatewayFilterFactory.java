package dev.turnpike.gateway.integration;

import java.net.URI;

import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;

import dev.turnpike.gateway.context.ApiRequestContext;
import dev.turnpike.gateway.resilience.BackendGuard;

/**
 * The {@code http_proxy} integration: the client's method, headers, query and body go to
 * the endpoint URI (path parameters and {@code {proxy}} substituted, mapped
 * {@code requestParameters} added), and the backend's response comes back unchanged.
 * Bodies stream both ways; Spring Cloud Gateway's {@code NettyRoutingFilter} makes the
 * call with the integration timeout from the route's metadata.
 */
public class HttpProxyIntegrationGatewayFilterFactory extends AbstractGatewayFilterFactory<IntegrationConfig> {

	public HttpProxyIntegrationGatewayFilterFactory() {
		super(IntegrationConfig.class);
	}

	@Override
	public GatewayFilter apply(IntegrationConfig config) {
		IntegrationTarget target = config.getTarget();
		BackendGuard guard = config.getGuard();
		GatewayFilter filter = new GatewayFilter() {

			@Override
			public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
				ApiRequestContext context = ApiRequestContext.of(exchange);
				URI uri = target.uri(exchange, context, true);
				exchange.getAttributes().put(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR, uri);
				HttpMethod method = target.method(exchange);
				ServerWebExchange forwarded = exchange;
				if (target.hasHeaderMappings() || !method.equals(exchange.getRequest().getMethod())) {
					ServerHttpRequest request = exchange.getRequest()
						.mutate()
						.method(method)
						.headers(headers -> target.applyHeaders(headers, exchange, context))
						.build();
					forwarded = exchange.mutate().request(request).build();
				}
				ServerWebExchange call = forwarded;
				return guard.proxy(Mono.defer(() -> chain.filter(call)), () -> {
					HttpStatusCode status = call.getResponse().getStatusCode();
					return (status != null) ? status.value() : 0;
				});
			}

			@Override
			public String toString() {
				return "HttpProxyIntegration[" + target + "]";
			}

		};
		// Its place in the flow (order and span) is RequestFlow.INTEGRATION, given by the
		// RouteCompiler.
		return filter;
	}

}
