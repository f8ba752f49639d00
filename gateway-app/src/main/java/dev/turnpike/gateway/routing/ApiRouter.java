package dev.turnpike.gateway.routing;

import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;

import dev.turnpike.gateway.context.ApiRequestContext;
import dev.turnpike.gateway.error.GatewayException;
import dev.turnpike.gateway.error.GatewayResponseType;
import dev.turnpike.gateway.resource.ResourceTree;

/**
 * Finds the API stage, resource and method a request addresses, the way API Gateway does:
 * <ul>
 * <li>{@code Host: <api-id>.execute-api.<anything>} with the stage as the first path
 * segment, or</li>
 * <li>a custom domain from {@code gateway.yaml}, with the longest matching base
 * path;</li>
 * <li>then the resource tree of that API.</li>
 * </ul>
 * No stage → 403 {@code Forbidden}; a stage but no resource or method → 403
 * {@code Missing Authentication Token}. A target a backend could read differently
 * ({@link RequestTargetCheck}: dot segments, encoded slashes, control characters,
 * malformed or overlong escapes) → 400 before anything is matched.
 */
public final class ApiRouter {

	private static final String EXECUTE_API = ".execute-api.";

	private final Supplier<RoutingTable> table;

	public ApiRouter(Supplier<RoutingTable> table) {
		this.table = table;
	}

	/**
	 * The route for the request; records what matched in its {@link ApiRequestContext}.
	 */
	RouteEntry route(ServerWebExchange exchange) {
		ServerHttpRequest request = exchange.getRequest();
		ApiRequestContext context = ApiRequestContext.of(exchange);
		String host = request.getURI().getHost();
		String path = request.getPath().value();
		String unsafe = RequestTargetCheck.checkPath(path);
		if (unsafe == null) {
			unsafe = RequestTargetCheck.checkQuery(request.getURI().getRawQuery());
		}
		if (unsafe != null) {
			throw GatewayException.of(GatewayResponseType.BAD_REQUEST_PARAMETERS, "Bad request: " + unsafe);
		}
		StageMatch match = (host != null) ? matchStage(this.table.get(), host.toLowerCase(Locale.ROOT), path) : null;
		if (match == null) {
			throw GatewayException.of(GatewayResponseType.NO_MATCHING_STAGE);
		}
		context.stageMatched(match.stage().api(), match.stage().stage(), host, match.stagePath());
		context.resourceRequested(match.resourcePath());
		ResourceTree.Match<RouteEntry> resource = match.stage()
			.tree()
			.match(match.resourcePath(), request.getMethod().name());
		if (resource == null) {
			throw GatewayException.of(GatewayResponseType.MISSING_AUTHENTICATION_TOKEN);
		}
		context.methodMatched(resource.value().method(), resource.resourcePath(), resource.pathParameters());
		return resource.value();
	}

	/**
	 * The stage, the stage part of the path ({@code /dev}, a base path, or empty) and the
	 * rest of the path.
	 */
	record StageMatch(StageRoutes stage, String stagePath, String resourcePath) {
	}

	static StageMatch matchStage(RoutingTable table, String host, String path) {
		if (path.isEmpty() || path.charAt(0) != '/') {
			// An origin-form target always starts with '/'; anything else names no stage.
			return null;
		}
		int executeApi = host.indexOf(EXECUTE_API);
		if (executeApi > 0) {
			return matchExecuteApi(table, host.substring(0, executeApi), path);
		}
		List<RoutingTable.DomainMapping> mappings = table.domain(host);
		if (mappings == null) {
			return null;
		}
		for (RoutingTable.DomainMapping mapping : mappings) {
			String base = mapping.basePath();
			if (base.isEmpty()) {
				return new StageMatch(mapping.stage(), "", path.isEmpty() ? "/" : path);
			}
			if (path.startsWith(base, 1)
					&& (path.length() == base.length() + 1 || path.charAt(base.length() + 1) == '/')) {
				String rest = path.substring(base.length() + 1);
				return new StageMatch(mapping.stage(), "/" + base, rest.isEmpty() ? "/" : rest);
			}
		}
		return null;
	}

	private static StageMatch matchExecuteApi(RoutingTable table, String apiId, String path) {
		int end = path.indexOf('/', 1);
		String stageName = (end < 0) ? path.substring(1) : path.substring(1, end);
		if (stageName.isEmpty()) {
			return null;
		}
		StageRoutes stage = table.stage(apiId, stageName);
		if (stage == null) {
			return null;
		}
		return new StageMatch(stage, "/" + stageName, (end < 0) ? "/" : path.substring(end));
	}

}
