package dev.turnpike.gateway.authorizer;

import dev.turnpike.gateway.config.model.Api;
import dev.turnpike.gateway.config.model.ApiMethod;
import dev.turnpike.gateway.config.model.Stage;
import dev.turnpike.gateway.routing.RequestFlow;
import dev.turnpike.gateway.routing.RouteFilter;
import dev.turnpike.gateway.routing.RouteFilterContributor;

/** Adds the API's resource policy, when it has one, to every route of the API. */
final class ResourcePolicyRoutes implements RouteFilterContributor {

	private final ResourcePolicyGatewayFilterFactory policies;

	ResourcePolicyRoutes(ResourcePolicyGatewayFilterFactory policies) {
		this.policies = policies;
	}

	@Override
	public RouteFilter contribute(Api api, Stage stage, ApiMethod method) {
		if (api.resourcePolicy() == null) {
			return null;
		}
		// How the policy combines with the method's authorization depends on whether it
		// has an authorizer.
		return RouteFilter.of(RequestFlow.RESOURCE_POLICY,
				this.policies.apply(new ResourcePolicyGatewayFilterFactory.Config().of(api.resourcePolicy(), api.id(),
						stage.name(), api.authorizerOf(method) != null)));
	}

}
