package dev.turnpike.gateway.routing;

import java.util.function.Supplier;

import reactor.core.publisher.Flux;

import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.route.RouteLocator;

/**
 * Lists the compiled API routes to Spring Cloud Gateway (so
 * {@code /actuator/gateway/routes} shows them).
 */
public final class ApiRouteLocator implements RouteLocator {

	private final Supplier<RoutingTable> table;

	public ApiRouteLocator(Supplier<RoutingTable> table) {
		this.table = table;
	}

	@Override
	public Flux<Route> getRoutes() {
		return Flux.fromIterable(this.table.get().routes());
	}

}
