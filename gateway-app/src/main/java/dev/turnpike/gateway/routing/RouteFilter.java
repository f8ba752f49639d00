package dev.turnpike.gateway.routing;

import java.net.URI;
import java.util.Map;

import org.springframework.cloud.gateway.filter.GatewayFilter;

/**
 * What a {@link RouteFilterContributor} adds to a route: a filter for one step of the
 * {@link RequestFlow} (the compiler gives it the step's order and span), and, for the
 * step that calls the backend, the route's URI and metadata (timeouts for
 * {@code NettyRoutingFilter}).
 *
 * @param step where the filter runs
 * @param filter the filter, unordered: the compiler orders it by its step
 * @param routeUri the route's URI (shown by {@code /actuator/gateway/routes}), or
 * {@code null}
 * @param metadata route metadata, or empty
 */
public record RouteFilter(RequestFlow step, GatewayFilter filter, URI routeUri, Map<String, Object> metadata) {

	public RouteFilter {
		metadata = Map.copyOf(metadata);
	}

	public static RouteFilter of(RequestFlow step, GatewayFilter filter) {
		return new RouteFilter(step, filter, null, Map.of());
	}

}
