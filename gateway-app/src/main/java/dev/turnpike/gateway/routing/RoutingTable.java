package dev.turnpike.gateway.routing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.cloud.gateway.route.Route;

import dev.turnpike.gateway.config.model.BasePathMapping;

/**
 * An immutable snapshot of everything the gateway serves, built from one loaded config
 * repo: API stages by API id (for {@code <api-id>.execute-api.<domain>} hosts) and by
 * custom domain and base path. A config reload builds a new table and swaps it in;
 * requests already routed keep the routes they got.
 */
public final class RoutingTable {

	static final RoutingTable EMPTY = new RoutingTable(Map.of(), List.of());

	/**
	 * A custom domain base path mapped to a stage; {@code basePath} has no slashes at the
	 * ends, "" for root.
	 */
	record DomainMapping(String basePath, StageRoutes stage) {
	}

	private final Map<String, Map<String, StageRoutes>> byApi;

	private final Map<String, List<DomainMapping>> byDomain;

	private final List<Route> routes;

	RoutingTable(Map<String, Map<String, StageRoutes>> byApi, List<BasePathMapping> mappings) {
		this.byApi = byApi;
		Map<String, List<DomainMapping>> domains = new HashMap<>();
		for (BasePathMapping mapping : mappings) {
			StageRoutes stage = byApi.get(mapping.apiId()).get(mapping.stage());
			domains.computeIfAbsent(mapping.domain(), d -> new ArrayList<>())
				.add(new DomainMapping(mapping.basePath(), stage));
		}
		// Longest base path first, so /v1/orders wins over /v1 and over the root mapping.
		domains.values()
			.forEach(list -> list.sort(Comparator.comparingInt((DomainMapping m) -> m.basePath().length()).reversed()));
		this.byDomain = domains;
		List<Route> all = new ArrayList<>();
		byApi.values().forEach(stages -> stages.values().forEach(stage -> all.addAll(stage.routes())));
		this.routes = List.copyOf(all);
	}

	StageRoutes stage(String apiId, String stage) {
		Map<String, StageRoutes> stages = this.byApi.get(apiId);
		return (stages != null) ? stages.get(stage) : null;
	}

	/** Whether this API id is an HTTP API's. */
	boolean isHttpApi(String apiId) {
		Map<String, StageRoutes> stages = (apiId != null) ? this.byApi.get(apiId) : null;
		return stages != null && stages.values().stream().anyMatch(StageRoutes::isHttpApi);
	}

	List<DomainMapping> domain(String host) {
		return this.byDomain.get(host);
	}

	/** Every route, for {@code /actuator/gateway/routes}. */
	public List<Route> routes() {
		return this.routes;
	}

	public int stageCount() {
		return this.byApi.values().stream().mapToInt(Map::size).sum();
	}

}
