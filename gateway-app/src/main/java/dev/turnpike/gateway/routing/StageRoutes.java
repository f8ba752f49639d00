package dev.turnpike.gateway.routing;

import java.util.List;

import org.springframework.cloud.gateway.route.Route;

import dev.turnpike.gateway.config.model.Api;
import dev.turnpike.gateway.config.model.Stage;
import dev.turnpike.gateway.resource.ResourceTree;

/**
 * One deployed API stage: its routes, indexed by resource and method, an HTTP API's
 * {@code $default} route ({@code null} when it has none), which serves what the tree does
 * not match, and the features' {@link StageGate}s, which run before a route is chosen.
 */
record StageRoutes(Api api, Stage stage, ResourceTree<RouteEntry> tree, RouteEntry defaultRoute, List<StageGate> gates,
		List<Route> routes) {

	StageRoutes(Api api, Stage stage, ResourceTree<RouteEntry> tree, List<Route> routes) {
		this(api, stage, tree, null, List.of(), routes);
	}

	boolean isHttpApi() {
		return this.api != null && this.api.isHttpApi();
	}

}
