package dev.turnpike.gateway.authorizer;

import java.util.List;

import dev.turnpike.gateway.config.ConfigProblem;
import dev.turnpike.gateway.config.InvalidConfigException;
import dev.turnpike.gateway.config.model.Api;
import dev.turnpike.gateway.config.model.ApiMethod;
import dev.turnpike.gateway.config.model.AuthorizerSpec;
import dev.turnpike.gateway.config.model.Stage;
import dev.turnpike.gateway.config.model.StageVariables;
import dev.turnpike.gateway.lambda.FunctionRef;
import dev.turnpike.gateway.routing.RequestFlow;
import dev.turnpike.gateway.routing.RouteFilter;
import dev.turnpike.gateway.routing.RouteFilterContributor;

/**
 * Adds the method's authorizer (Lambda, JWT or Cognito), when its security names one, to
 * its routes.
 */
final class AuthorizerRoutes implements RouteFilterContributor {

	private final AuthorizerGatewayFilterFactory authorizers;

	AuthorizerRoutes(AuthorizerGatewayFilterFactory authorizers) {
		this.authorizers = authorizers;
	}

	@Override
	public RouteFilter contribute(Api api, Stage stage, ApiMethod method) {
		AuthorizerSpec authorizer = api.authorizerOf(method);
		if (authorizer == null) {
			return null;
		}
		FunctionRef function = authorizer.type().isLambda() ? function(api, stage, method, authorizer) : null;
		return RouteFilter.of(RequestFlow.AUTHORIZER, this.authorizers.apply(new AuthorizerGatewayFilterFactory.Config()
			.of(authorizer, function, api.scopesOf(method), api.id(), stage.name())));
	}

	/**
	 * The authorizer's function for this stage (its URI may use stage variables; checked
	 * at load).
	 */
	private static FunctionRef function(Api api, Stage stage, ApiMethod method, AuthorizerSpec authorizer) {
		try {
			return FunctionRef
				.fromInvocationUri(StageVariables.substitute(authorizer.authorizerUri(), stage.variables()));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidConfigException(List.of(new ConfigProblem(stage.file(), "variables", "authorizer "
					+ authorizer.name() + " of " + api.file() + " " + method.location() + ": " + ex.getMessage())));
		}
	}

}
