package dev.turnpike.gateway.routing;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.observation.ObservationRegistry;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.handler.AsyncPredicate;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.RouteMetadataUtils;
import org.springframework.web.server.ServerWebExchange;

import dev.turnpike.gateway.TurnpikeFilterOrder;
import dev.turnpike.gateway.authorizer.AuthorizerGatewayFilterFactory;
import dev.turnpike.gateway.authorizer.ResourcePolicyGatewayFilterFactory;
import dev.turnpike.gateway.config.ConfigProblem;
import dev.turnpike.gateway.config.InvalidConfigException;
import dev.turnpike.gateway.config.model.Api;
import dev.turnpike.gateway.config.model.ApiMethod;
import dev.turnpike.gateway.config.model.AuthorizerSpec;
import dev.turnpike.gateway.config.model.GatewayConfig;
import dev.turnpike.gateway.config.model.Stage;
import dev.turnpike.gateway.config.model.StageThrottling;
import dev.turnpike.gateway.config.model.StageVariables;
import dev.turnpike.gateway.integration.IntegrationFilters;
import dev.turnpike.gateway.integration.IntegrationTarget;
import dev.turnpike.gateway.lambda.FunctionRef;
import dev.turnpike.gateway.observability.Spans;
import dev.turnpike.gateway.resource.ResourceTree;
import dev.turnpike.gateway.usageplan.ApiKeyGatewayFilterFactory;
import dev.turnpike.gateway.usageplan.LocalLimits;
import dev.turnpike.gateway.usageplan.ThrottleGatewayFilterFactory;
import dev.turnpike.gateway.validation.RequestValidationGatewayFilterFactory;
import dev.turnpike.usageplans.core.ApiStage;
import dev.turnpike.usageplans.core.RedisKeys;
import dev.turnpike.usageplans.core.ThrottleSettings;

/**
 * Compiles a loaded config repo into a {@link RoutingTable}: one Spring Cloud Gateway {@link Route} per API, stage
 * and method, whose filters come from the feature filter factories with per-route configuration, and whose
 * metadata carries the integration timeout for {@code NettyRoutingFilter}.
 */
public final class RouteCompiler {

	private final IntegrationFilters integrations;

	private final Duration connectTimeout;

	private final ApiKeyGatewayFilterFactory apiKeys;

	private final ThrottleGatewayFilterFactory throttles;

	private final ThrottleSettings gatewayThrottle;

	private final AuthorizerGatewayFilterFactory authorizers;

	private final ResourcePolicyGatewayFilterFactory resourcePolicies;

	private final RequestValidationGatewayFilterFactory validation;

	private final ObservationRegistry observations;

	public RouteCompiler(IntegrationFilters integrations, Duration connectTimeout, ApiKeyGatewayFilterFactory apiKeys,
			ThrottleGatewayFilterFactory throttles, ThrottleSettings gatewayThrottle, AuthorizerGatewayFilterFactory authorizers,
			ResourcePolicyGatewayFilterFactory resourcePolicies, RequestValidationGatewayFilterFactory validation,
			ObservationRegistry observations) {
		this.validation = validation;
		this.observations = observations;
		this.authorizers = authorizers;
		this.resourcePolicies = resourcePolicies;
		this.integrations = integrations;
		this.connectTimeout = connectTimeout;
		this.apiKeys = apiKeys;
		this.throttles = throttles;
		this.gatewayThrottle = gatewayThrottle;
	}

	/**
	 * @throws InvalidConfigException when the config needs something this gateway lacks (API keys without a hash
	 * secret)
	 */
	public RoutingTable compile(GatewayConfig config) {
		boolean[] usesRedis = { false };
		Map<String, Map<String, StageRoutes>> byApi = new HashMap<>();
		for (Api api : config.apis().values()) {
			Map<String, StageRoutes> stages = new HashMap<>();
			for (Stage stage : api.stages().values()) {
				stages.put(stage.name(), compileStage(api, stage, usesRedis));
			}
			byApi.put(api.id(), stages);
		}
		return new RoutingTable(byApi, config.basePathMappings(), usesRedis[0]);
	}

	private StageRoutes compileStage(Api api, Stage stage, boolean[] usesRedis) {
		ResourceTree<RouteEntry> tree = new ResourceTree<>();
		List<Route> routes = new ArrayList<>();
		for (ApiMethod method : api.methods()) {
			Route route = compileRoute(api, stage, method, usesRedis);
			tree.add(method.resourcePath(), method.httpMethod(), new RouteEntry(route, method));
			routes.add(route);
		}
		return new StageRoutes(api, stage, tree, List.copyOf(routes));
	}

	private Route compileRoute(Api api, Stage stage, ApiMethod method, boolean[] usesRedis) {
		IntegrationTarget target;
		try {
			target = IntegrationTarget.resolve(method.integration(), stage);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidConfigException(List.of(new ConfigProblem(stage.file(), "variables",
					"the integration of " + api.file() + " " + method.location() + ": " + ex.getMessage())));
		}
		GatewayFilter integrationFilter = Spans.step(this.observations, "turnpike.integration",
				this.integrations.forTarget(api.id(), stage, target), TurnpikeFilterOrder.INTEGRATION, true);
		List<GatewayFilter> filters = new ArrayList<>(5);
		AuthorizerSpec authorizer = api.authorizerOf(method);
		if (api.resourcePolicy() != null) {
			filters.add(this.resourcePolicies.apply(new ResourcePolicyGatewayFilterFactory.Config()
				.of(api.resourcePolicy(), api.id(), stage.name(), authorizer != null)));
		}
		if (authorizer != null) {
			filters.add(Spans.step(this.observations, "turnpike.authorizer",
					this.authorizers.apply(new AuthorizerGatewayFilterFactory.Config().of(authorizer,
							authorizer.type().isLambda() ? function(api, stage, method, authorizer) : null, api.scopesOf(method),
							api.id(), stage.name())),
					TurnpikeFilterOrder.AUTHORIZER, false));
		}
		if (method.apiKeyRequired()) {
			if (!this.apiKeys.isConfigured()) {
				throw new InvalidConfigException(List.of(new ConfigProblem(api.file(), method.location() + ".security",
						"requires an API key, but this gateway has no turnpike.api-keys.hash-secret to check keys with")));
			}
			filters.add(Spans.step(this.observations, "turnpike.usage-plan",
					this.apiKeys.apply(new ApiKeyGatewayFilterFactory.Config().of(api.id(), stage.name(),
							method.resourcePath(), method.httpMethod(), api.apiKeySource())),
					TurnpikeFilterOrder.API_KEY, false));
			usesRedis[0] = true;
		}
		ThrottleGatewayFilterFactory.Config throttle = throttleConfig(api, stage, method);
		if (!throttle.isEmpty()) {
			filters.add(Spans.step(this.observations, "turnpike.throttle", this.throttles.apply(throttle),
					TurnpikeFilterOrder.THROTTLE, false));
			usesRedis[0] = true;
		}
		if (method.validation() != null) {
			filters.add(this.validation.apply(new RequestValidationGatewayFilterFactory.Config().of(method.validation(),
					method.parameters())));
		}
		filters.add(integrationFilter);
		long timeout = target.timeout().toMillis();
		String description = method.httpMethod() + " " + method.resourcePath() + " on " + api.id() + "/" + stage.name();
		return Route.async()
			.id(api.id() + "/" + stage.name() + " " + method.httpMethod() + " " + method.resourcePath())
			.uri((target.uriTemplate() != null) ? URI.create(target.uriTemplate().origin())
					: URI.create(method.integration().type().configName().replace('_', '-') + "://" + api.id()))
			.order(0)
			.asyncPredicate(new ResourceMethodPredicate(description))
			.filters(filters)
			.metadata(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, timeout)
			.metadata(RouteMetadataUtils.CONNECT_TIMEOUT_ATTR, (int) Math.min(timeout, this.connectTimeout.toMillis()))
			.build();
	}

	/** The authorizer's function for this stage (its URI may use stage variables; checked at load). */
	private static FunctionRef function(Api api, Stage stage, ApiMethod method, AuthorizerSpec authorizer) {
		try {
			return FunctionRef.fromInvocationUri(StageVariables.substitute(authorizer.authorizerUri(), stage.variables()));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidConfigException(List.of(new ConfigProblem(stage.file(), "variables",
					"authorizer " + authorizer.name() + " of " + api.file() + " " + method.location() + ": " + ex.getMessage())));
		}
	}

	private ThrottleGatewayFilterFactory.Config throttleConfig(Api api, Stage stage, ApiMethod method) {
		List<LocalLimits.BucketCheck> stageBuckets = new ArrayList<>(2);
		StageThrottling throttling = stage.throttling();
		if (throttling != null) {
			String methodKey = ApiStage.methodKey(method.resourcePath(), method.httpMethod());
			ThrottleSettings methodThrottle = throttling.methods().get(methodKey);
			if (methodThrottle != null) {
				stageBuckets.add(new LocalLimits.BucketCheck(RedisKeys.stageBucket(api.id(), stage.name(), methodKey), methodThrottle));
			}
			if (throttling.stage() != null) {
				stageBuckets.add(new LocalLimits.BucketCheck(RedisKeys.stageBucket(api.id(), stage.name(), "*"), throttling.stage()));
			}
		}
		List<LocalLimits.BucketCheck> gatewayBuckets = (this.gatewayThrottle != null)
				? List.of(new LocalLimits.BucketCheck(RedisKeys.gatewayBucket(), this.gatewayThrottle)) : List.of();
		return new ThrottleGatewayFilterFactory.Config().of(stageBuckets, gatewayBuckets);
	}

	/**
	 * Describes what a route matches for {@code /actuator/gateway/routes}. Matching itself is done by the resource
	 * tree, never by evaluating predicates one route at a time, so this predicate answers {@code false} and
	 * Spring Cloud Gateway's own handler mapping can never pick a route by it.
	 */
	record ResourceMethodPredicate(String description) implements AsyncPredicate<ServerWebExchange> {

		@Override
		public org.reactivestreams.Publisher<Boolean> apply(ServerWebExchange exchange) {
			return Mono.just(false);
		}

		@Override
		public String toString() {
			return "AWS resource match: " + this.description;
		}

	}

}
