package dev.turnpike.gateway.integration;

import dev.turnpike.gateway.resilience.BackendGuard;

/**
 * Per-route configuration of the integration filter factories: the integration as one
 * stage calls it. Routes are built from the config repo, so this is set by the route
 * compiler rather than bound from YAML.
 */
public class IntegrationConfig {

	private IntegrationTarget target;

	private BackendGuard guard;

	public IntegrationTarget getTarget() {
		return this.target;
	}

	public IntegrationConfig setTarget(IntegrationTarget target) {
		this.target = target;
		return this;
	}

	/**
	 * The backend's circuit breaker, bulkhead and retries ({@code null} for mock
	 * integrations).
	 */
	public BackendGuard getGuard() {
		return this.guard;
	}

	public IntegrationConfig setGuard(BackendGuard guard) {
		this.guard = guard;
		return this;
	}

}
