package dev.turnpike.gateway.routing;

import dev.turnpike.gateway.config.InvalidConfigException;
import dev.turnpike.gateway.config.model.Api;
import dev.turnpike.gateway.config.model.ApiMethod;
import dev.turnpike.gateway.config.model.Stage;

/**
 * A feature's part in the routes: for one method of one stage, the filter the feature
 * adds, or nothing. Each feature registers its contributor as a bean from its own
 * configuration; the {@link RouteCompiler} asks every contributor for every method and
 * knows no feature itself.
 */
@FunctionalInterface
public interface RouteFilterContributor {

	/**
	 * The filter this feature adds to the route of {@code method} on {@code stage}.
	 * @return the filter with its step in the {@link RequestFlow}, or {@code null} when
	 * the method needs none
	 * @throws InvalidConfigException when the method needs something this gateway cannot
	 * provide
	 */
	RouteFilter contribute(Api api, Stage stage, ApiMethod method);

}
