package dev.turnpike.gateway.routing;

import org.springframework.cloud.gateway.route.Route;

import dev.turnpike.gateway.config.model.ApiMethod;

/** A compiled route and the API method it serves. */
record RouteEntry(Route route, ApiMethod method) {
}
