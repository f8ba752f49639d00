package dev.turnpike.gateway.routing;

import reactor.core.publisher.Mono;

import org.springframework.web.server.ServerWebExchange;

/**
 * A feature's step that runs once a request's stage is known and before its route is
 * chosen: before authorizers, keys and throttles, and for requests no route matches too.
 * It may answer the request itself (a CORS preflight, say) or prepare its response (add
 * headers every answer of the stage carries, errors included) and let routing go on.
 */
@FunctionalInterface
public interface StageGate {

	/**
	 * @return the answer when this gate answers the request itself, or {@code null} to
	 * let routing go on
	 */
	Mono<Void> before(ServerWebExchange exchange);

	/**
	 * A feature's gates: for one stage of one API, the gate the feature adds, or nothing.
	 * Registered as a bean from the feature's own configuration.
	 */
	@FunctionalInterface
	interface Contributor {

		/** The gate for {@code stage}, or {@code null} when the stage needs none. */
		StageGate contribute(dev.turnpike.gateway.config.model.Api api, dev.turnpike.gateway.config.model.Stage stage);

	}

}
