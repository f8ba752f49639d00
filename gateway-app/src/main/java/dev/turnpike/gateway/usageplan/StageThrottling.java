package dev.turnpike.gateway.usageplan;

import java.util.Map;

import dev.turnpike.gateway.config.model.ApiMethod;
import dev.turnpike.usageplans.core.ThrottleSettings;

/**
 * A stage's throttles, shared by every client of the stage (AWS's stage-level and
 * method-level throttling):
 *
 * <pre>
 * throttling:
 *   rateLimit: 100          # the whole stage
 *   burstLimit: 200
 *   methods:
 *     /pets/GET: {rateLimit: 10, burstLimit: 20}
 *   defaultRoute: {rateLimit: 50, burstLimit: 100}   # HTTP APIs: each route's own bucket
 *   routes:
 *     "GET /pets": {rateLimit: 5, burstLimit: 10}    # HTTP APIs: by route key
 * </pre>
 *
 * @param stage the stage-wide bucket, or {@code null}
 * @param methods per-method buckets keyed {@code <resourcePath>/<METHOD>}
 * @param routes HTTP APIs: per-route buckets keyed by route key (AWS's
 * {@code RouteSettings})
 * @param defaultRoute HTTP APIs: the bucket each route without its own gets (AWS's
 * {@code DefaultRouteSettings}), or {@code null}
 */
public record StageThrottling(ThrottleSettings stage, Map<String, ThrottleSettings> methods,
		Map<String, ThrottleSettings> routes, ThrottleSettings defaultRoute) {

	public StageThrottling {
		methods = (methods != null) ? Map.copyOf(methods) : Map.of();
		routes = (routes != null) ? Map.copyOf(routes) : Map.of();
	}

	public StageThrottling(ThrottleSettings stage, Map<String, ThrottleSettings> methods) {
		this(stage, methods, Map.of(), null);
	}

	/**
	 * The bucket of one method or route of its own: its {@code methods} entry, else (HTTP
	 * APIs) its {@code routes} entry, else the {@code defaultRoute} every HTTP API route
	 * gets; {@code null} for none.
	 */
	public ThrottleSettings forMethod(ApiMethod method, boolean httpApi) {
		ThrottleSettings own = this.methods.get(method.methodKey());
		if (own == null && httpApi) {
			own = this.routes.get(method.routeKey());
			if (own == null) {
				own = this.defaultRoute;
			}
		}
		return own;
	}

}
