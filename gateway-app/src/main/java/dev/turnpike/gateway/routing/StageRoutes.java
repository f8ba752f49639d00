package dev.turnpike.gateway.routing;

import java.util.List;

import org.springframework.cloud.gateway.route.Route;

import dev.turnpike.gateway.config.model.Api;
import dev.turnpike.gateway.config.model.Stage;
import dev.turnpike.gateway.resource.ResourceTree;

/**
 * One deployed API stage: its routes, indexed by resource and method, an HTTP API's
 * {@code $default} route ({@code null} when it has none), which serves what the tree does
 * not match, the features' {@link StageGate}s, which run before a route is chosen, and
 * the id of what it serves since this load.
 */
record StageRoutes(Api api, Stage stage, ResourceTree<RouteEntry> tree, RouteEntry defaultRoute, List<StageGate> gates,
		List<Route> routes, String deploymentId) {

	StageRoutes(Api api, Stage stage, ResourceTree<RouteEntry> tree, List<Route> routes) {
		this(api, stage, tree, null, List.of(), routes, newDeploymentId());
	}

	/**
	 * An id for what this stage serves since this load, in the shape of API Gateway's
	 * deployment ids (ten characters of {@code a-z0-9}): {@code $context.deploymentId}.
	 */
	static String newDeploymentId() {
		java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
		StringBuilder id = new StringBuilder(10);
		for (int i = 0; i < 10; i++) {
			id.append(Character.forDigit(random.nextInt(36), 36));
		}
		return id.toString();
	}

	boolean isHttpApi() {
		return this.api != null && this.api.isHttpApi();
	}

}
