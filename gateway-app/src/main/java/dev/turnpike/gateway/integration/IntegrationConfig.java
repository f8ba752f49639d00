package dev.turnpike.gateway.integration;

/**
 * Per-route configuration of the integration filter factories: the integration as one stage calls it. Routes are
 * built from the config repo, so this is set by the route compiler rather than bound from YAML.
 */
public class IntegrationConfig {

	private IntegrationTarget target;

	public IntegrationTarget getTarget() {
		return this.target;
	}

	public IntegrationConfig setTarget(IntegrationTarget target) {
		this.target = target;
		return this;
	}

}
