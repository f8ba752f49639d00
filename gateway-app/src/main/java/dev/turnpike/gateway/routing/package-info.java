/**
 * Routing: compiling the config repo into Spring Cloud Gateway routes, matching a request
 * to an API stage, resource and method, and swapping the routing table when the config
 * changes.
 */
package dev.turnpike.gateway.routing;
