package dev.turnpike.gateway.routing;

import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.handler.FilteringWebHandler;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.context.ApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import dev.turnpike.gateway.error.GatewayException;

/**
 * Routes every request on the API port: finds its route with {@link ApiRouter} and runs
 * it through Spring Cloud Gateway's {@link FilteringWebHandler} (global filters plus the
 * route's own). It is a {@code WebFilter} rather than a handler mapping because WebFlux's
 * dispatcher answers CORS preflight requests itself, while API Gateway hands
 * {@code OPTIONS} to the API's own method (usually a mock integration returning the CORS
 * headers). It also makes every API request skip handler-mapping iteration. Requests on
 * the management port pass through.
 */
public final class ApiRoutingWebFilter implements WebFilter, Ordered {

	private final ApiRouter router;

	private final FilteringWebHandler webHandler;

	private final ApplicationContext applicationContext;

	public ApiRoutingWebFilter(ApiRouter router, FilteringWebHandler webHandler,
			ApplicationContext applicationContext) {
		this.router = router;
		this.webHandler = webHandler;
		this.applicationContext = applicationContext;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (exchange.getApplicationContext() != this.applicationContext) {
			// The management server (actuator) builds its own handler from a child
			// context.
			return chain.filter(exchange);
		}
		RouteEntry entry;
		try {
			StageRoutes stage = this.router.stage(exchange);
			for (StageGate gate : stage.gates()) {
				Mono<Void> answer = gate.before(exchange);
				if (answer != null) {
					return answer;
				}
			}
			entry = this.router.route(exchange, stage);
		}
		catch (GatewayException ex) {
			return Mono.error(ex);
		}
		exchange.getAttributes().put(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR, entry.route());
		return Mono.deferContextual(reactorContext -> {
			exchange.getAttributes().put(ServerWebExchangeUtils.GATEWAY_REACTOR_CONTEXT_ATTR, reactorContext);
			return this.webHandler.handle(exchange);
		});
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 10;
	}

}
