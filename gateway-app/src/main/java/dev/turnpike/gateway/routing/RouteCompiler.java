package dev.turnpike.gateway.routing;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.observation.ObservationRegistry;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.OrderedGatewayFilter;
import org.springframework.cloud.gateway.handler.AsyncPredicate;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.web.server.ServerWebExchange;

import dev.turnpike.gateway.config.InvalidConfigException;
import dev.turnpike.gateway.config.model.Api;
import dev.turnpike.gateway.config.model.ApiMethod;
import dev.turnpike.gateway.config.model.GatewayConfig;
import dev.turnpike.gateway.config.model.Stage;
import dev.turnpike.gateway.observability.Spans;
import dev.turnpike.gateway.resource.ResourceTree;

/**
 * Compiles a loaded config repo into a {@link RoutingTable}: one Spring Cloud Gateway
 * {@link Route} per API, stage and method, whose filters are what the features'
 * {@link RouteFilterContributor}s add, each ordered and observed by its step of the
 * {@link RequestFlow}. The compiler knows no feature.
 */
public final class RouteCompiler {

	private final List<RouteFilterContributor> contributors;

	private final ObservationRegistry observations;

	private final List<StageGate.Contributor> gates;

	public RouteCompiler(List<RouteFilterContributor> contributors, ObservationRegistry observations) {
		this(contributors, List.of(), observations);
	}

	public RouteCompiler(List<RouteFilterContributor> contributors, List<StageGate.Contributor> gates,
			ObservationRegistry observations) {
		this.gates = List.copyOf(gates);
		this.contributors = List.copyOf(contributors);
		this.observations = observations;
	}

	/**
	 * @throws InvalidConfigException when the config needs something this gateway lacks
	 * (API keys without a hash secret, say)
	 */
	public RoutingTable compile(GatewayConfig config) {
		Map<String, Map<String, StageRoutes>> byApi = new HashMap<>();
		for (Api api : config.apis().values()) {
			Map<String, StageRoutes> stages = new HashMap<>();
			for (Stage stage : api.stages().values()) {
				stages.put(stage.name(), compileStage(api, stage));
			}
			byApi.put(api.id(), stages);
		}
		return new RoutingTable(byApi, config.basePathMappings());
	}

	private StageRoutes compileStage(Api api, Stage stage) {
		ResourceTree<RouteEntry> tree = new ResourceTree<>();
		List<Route> routes = new ArrayList<>();
		RouteEntry defaultRoute = null;
		for (ApiMethod method : api.methods()) {
			Route route = compileRoute(api, stage, method);
			if (method.isDefaultRoute()) {
				defaultRoute = new RouteEntry(route, method);
			}
			else {
				tree.add(method.resourcePath(), method.httpMethod(), new RouteEntry(route, method));
			}
			routes.add(route);
		}
		List<StageGate> stageGates = new ArrayList<>();
		for (StageGate.Contributor contributor : this.gates) {
			StageGate gate = contributor.contribute(api, stage);
			if (gate != null) {
				stageGates.add(gate);
			}
		}
		return new StageRoutes(api, stage, tree, defaultRoute, List.copyOf(stageGates), List.copyOf(routes),
				StageRoutes.newDeploymentId());
	}

	private Route compileRoute(Api api, Stage stage, ApiMethod method) {
		List<GatewayFilter> filters = new ArrayList<>(this.contributors.size());
		URI uri = URI.create(method.integration().type().configName().replace('_', '-') + "://" + api.id());
		Map<String, Object> metadata = new LinkedHashMap<>();
		for (RouteFilterContributor contributor : this.contributors) {
			RouteFilter contributed = contributor.contribute(api, stage, method);
			if (contributed == null) {
				continue;
			}
			filters.add(placed(contributed.step(), contributed.filter()));
			if (contributed.routeUri() != null) {
				uri = contributed.routeUri();
			}
			metadata.putAll(contributed.metadata());
		}
		String description = method.httpMethod() + " " + method.resourcePath() + " on " + api.id() + "/" + stage.name();
		return Route.async()
			.id(api.id() + "/" + stage.name() + " " + method.httpMethod() + " " + method.resourcePath())
			.uri(uri)
			.order(0)
			.asyncPredicate(new ResourceMethodPredicate(description))
			.filters(filters)
			.metadata(metadata)
			.build();
	}

	/**
	 * The filter at its step's place in the flow, observed as the step's span when it has
	 * one. Features return unordered filters: this is the one place a filter's order is
	 * set.
	 */
	private GatewayFilter placed(RequestFlow step, GatewayFilter filter) {
		if (step.span() != null && !this.observations.isNoop()) {
			return Spans.step(this.observations, step.span(), filter, step.order(), step.spansTheRest());
		}
		return new OrderedGatewayFilter(filter, step.order());
	}

	/**
	 * Describes what a route matches for {@code /actuator/gateway/routes}. Matching
	 * itself is done by the resource tree, never by evaluating predicates one route at a
	 * time, so this predicate answers {@code false} and Spring Cloud Gateway's own
	 * handler mapping can never pick a route by it.
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
