package dev.turnpike.gateway.integration;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.cloud.gateway.support.RouteMetadataUtils;

import dev.turnpike.gateway.config.ConfigProblem;
import dev.turnpike.gateway.config.InvalidConfigException;
import dev.turnpike.gateway.config.model.Api;
import dev.turnpike.gateway.config.model.ApiMethod;
import dev.turnpike.gateway.config.model.Stage;
import dev.turnpike.gateway.routing.RequestFlow;
import dev.turnpike.gateway.routing.RouteFilter;
import dev.turnpike.gateway.routing.RouteFilterContributor;

/**
 * Adds every method's integration, resolved for the stage, as the last step of its
 * routes, with the route's URI (the backend's origin) and the timeouts
 * {@code NettyRoutingFilter} applies to {@code http_proxy} calls.
 */
final class IntegrationRoutes implements RouteFilterContributor {

	private final IntegrationFilters integrations;

	private final Duration connectTimeout;

	IntegrationRoutes(IntegrationFilters integrations, Duration connectTimeout) {
		this.integrations = integrations;
		this.connectTimeout = connectTimeout;
	}

	@Override
	public RouteFilter contribute(Api api, Stage stage, ApiMethod method) {
		IntegrationTarget target;
		try {
			target = IntegrationTarget.resolve(method.integration(), stage, method.isDefaultRoute());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidConfigException(List.of(new ConfigProblem(stage.file(), "variables",
					"the integration of " + api.file() + " " + method.location() + ": " + ex.getMessage())));
		}
		long timeout = target.timeout().toMillis();
		URI uri = (target.uriTemplate() != null) ? URI.create(target.uriTemplate().origin()) : null;
		return new RouteFilter(RequestFlow.INTEGRATION, this.integrations.forTarget(api.id(), stage, target), uri,
				Map.of(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, timeout, RouteMetadataUtils.CONNECT_TIMEOUT_ATTR,
						(int) Math.min(timeout, this.connectTimeout.toMillis())));
	}

}
