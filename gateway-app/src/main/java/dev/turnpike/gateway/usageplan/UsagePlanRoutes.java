package dev.turnpike.gateway.usageplan;

import java.util.ArrayList;
import java.util.List;

import dev.turnpike.gateway.config.ConfigProblem;
import dev.turnpike.gateway.config.InvalidConfigException;
import dev.turnpike.gateway.config.model.Api;
import dev.turnpike.gateway.config.model.ApiMethod;
import dev.turnpike.gateway.config.model.Stage;
import dev.turnpike.gateway.routing.RequestFlow;
import dev.turnpike.gateway.routing.RouteFilter;
import dev.turnpike.gateway.routing.RouteFilterContributor;
import dev.turnpike.usageplans.core.ApiStage;
import dev.turnpike.usageplans.core.RedisKeys;
import dev.turnpike.usageplans.core.ThrottleSettings;

/**
 * The usage plan steps of a route: the API key check with its plan's limits (methods that
 * require a key), and the stage, method and gateway-wide throttles. The first route that
 * needs Redis starts the runtime (connections, the key-change listener, replica
 * counting), so a gateway without keyed APIs never connects.
 */
final class UsagePlanRoutes {

	private UsagePlanRoutes() {
	}

	static RouteFilterContributor apiKeys(ApiKeyGatewayFilterFactory apiKeys, UsagePlanRuntime runtime) {
		return (api, stage, method) -> {
			if (!method.apiKeyRequired()) {
				return null;
			}
			if (!apiKeys.isConfigured()) {
				throw new InvalidConfigException(List.of(new ConfigProblem(api.file(), method.location() + ".security",
						"requires an API key, but this gateway has no turnpike.api-keys.hash-secret to check keys with")));
			}
			runtime.ensureStarted();
			return RouteFilter.of(RequestFlow.API_KEY, apiKeys.apply(new ApiKeyGatewayFilterFactory.Config()
				.of(api.id(), stage.name(), method.resourcePath(), method.httpMethod(), api.apiKeySource())));
		};
	}

	/**
	 * @param gatewayThrottle the gateway-wide throttle, or {@code null} when there is
	 * none
	 */
	static RouteFilterContributor throttles(ThrottleGatewayFilterFactory throttles, ThrottleSettings gatewayThrottle,
			UsagePlanRuntime runtime) {
		return (api, stage, method) -> {
			ThrottleGatewayFilterFactory.Config config = throttleConfig(api, stage, method, gatewayThrottle);
			if (config.isEmpty()) {
				return null;
			}
			runtime.ensureStarted();
			return RouteFilter.of(RequestFlow.THROTTLE, throttles.apply(config));
		};
	}

	private static ThrottleGatewayFilterFactory.Config throttleConfig(Api api, Stage stage, ApiMethod method,
			ThrottleSettings gatewayThrottle) {
		List<LocalLimits.BucketCheck> stageBuckets = new ArrayList<>(2);
		StageThrottling throttling = stage.features().get(ThrottlingConfig.STAGE);
		if (throttling != null) {
			String methodKey = ApiStage.methodKey(method.resourcePath(), method.httpMethod());
			ThrottleSettings methodThrottle = throttling.forMethod(method, api.isHttpApi());
			if (methodThrottle != null) {
				stageBuckets.add(new LocalLimits.BucketCheck(RedisKeys.stageBucket(api.id(), stage.name(), methodKey),
						methodThrottle));
			}
			if (throttling.stage() != null) {
				stageBuckets.add(new LocalLimits.BucketCheck(RedisKeys.stageBucket(api.id(), stage.name(), "*"),
						throttling.stage()));
			}
		}
		List<LocalLimits.BucketCheck> gatewayBuckets = (gatewayThrottle != null)
				? List.of(new LocalLimits.BucketCheck(RedisKeys.gatewayBucket(), gatewayThrottle)) : List.of();
		return new ThrottleGatewayFilterFactory.Config().of(stageBuckets, gatewayBuckets);
	}

}
