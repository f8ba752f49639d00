/**
 * Integrations: {@code http_proxy}, {@code http} (non-proxy, with parameter and response
 * mapping) and {@code mock}. Each is a gateway filter factory whose per-route
 * configuration is an {@link dev.turnpike.gateway.integration.IntegrationTarget}: the
 * integration with the stage's variables resolved.
 */
package dev.turnpike.gateway.integration;
