package dev.turnpike.gateway.routing;

import java.util.List;

import org.springframework.cloud.gateway.route.Route;

import dev.turnpike.gateway.config.model.Api;
import dev.turnpike.gateway.config.model.Stage;
import dev.turnpike.gateway.resource.ResourceTree;

/** One deployed API stage: its routes, indexed by resource and method. */
record StageRoutes(Api api, Stage stage, ResourceTree<RouteEntry> tree, List<Route> routes) {
}
