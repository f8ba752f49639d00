package dev.turnpike.gateway.routing;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;

import dev.turnpike.gateway.config.model.Stage;
import dev.turnpike.gateway.context.ApiRequestContext;
import dev.turnpike.gateway.context.Paths;
import dev.turnpike.gateway.context.RequestContextWebFilter;
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
 * {@code Missing Authentication Token}. HTTP APIs: a path naming no stage is the
 * {@code $default} stage's, a request no route matches goes to the {@code $default}
 * route, and without either the answer is 404 {@code Not Found}. A target a backend could
 * read differently ({@link RequestTargetCheck}: dot segments, encoded slashes, control
 * characters, malformed or overlong escapes) → 400 before anything is matched.
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
		return route(exchange, stage(exchange));
	}

	/**
	 * The API stage the request addresses; records it in the request's
	 * {@link ApiRequestContext}.
	 */
	StageRoutes stage(ServerWebExchange exchange) {
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
		RoutingTable table = this.table.get();
		String lowerHost = (host != null) ? host.toLowerCase(Locale.ROOT) : null;
		StageMatch match = (lowerHost != null) ? matchStage(table, lowerHost, path) : null;
		if (match == null) {
			// An HTTP API answers a stage it does not have as it answers a route it does
			// not have.
			throw GatewayException.of((lowerHost != null && table.isHttpApi(executeApiId(lowerHost)))
					? GatewayResponseType.NO_MATCHING_ROUTE : GatewayResponseType.NO_MATCHING_STAGE);
		}
		StageRoutes stage = match.stage();
		context.stageMatched(stage.api(), stage.stage(), host, match.stagePath());
		context.deploymentId(stage.deploymentId());
		context.resourceRequested(match.resourcePath());
		if (stage.isHttpApi()) {
			HttpHeaders headers = exchange.getResponse().getHeaders();
			headers.remove(RequestContextWebFilter.REQUEST_ID_HEADER);
			headers.remove(RequestContextWebFilter.EXTENDED_REQUEST_ID_HEADER);
			headers.set(RequestContextWebFilter.HTTP_API_REQUEST_ID_HEADER, context.requestId());
		}
		return stage;
	}

	/**
	 * The route for the request on its stage; records what matched in its
	 * {@link ApiRequestContext}.
	 */
	RouteEntry route(ServerWebExchange exchange, StageRoutes stage) {
		ApiRequestContext context = ApiRequestContext.of(exchange);
		ResourceTree.Match<RouteEntry> resource = stage.tree()
			.match(context.resourceRequestPath(), exchange.getRequest().getMethod().name());
		if (resource == null && stage.defaultRoute() != null) {
			RouteEntry fallback = stage.defaultRoute();
			context.methodMatched(fallback.method(), fallback.method().resourcePath(), Map.of());
			return fallback;
		}
		if (resource == null) {
			throw GatewayException.of(stage.isHttpApi() ? GatewayResponseType.NO_MATCHING_ROUTE
					: GatewayResponseType.MISSING_AUTHENTICATION_TOKEN);
		}
		context.methodMatched(resource.value().method(), resource.resourcePath(), resource.pathParameters());
		return resource.value();
	}

	/** The API id of an {@code <api-id>.execute-api.<domain>} host, else {@code null}. */
	private static String executeApiId(String host) {
		int executeApi = host.indexOf(EXECUTE_API);
		return (executeApi > 0) ? host.substring(0, executeApi) : null;
	}

	/**
	 * The stage, the stage part of the path ({@code /dev}, a base path, or empty) and the
	 * rest of the path.
	 */
	record StageMatch(StageRoutes stage, String stagePath, String resourcePath) {
	}

	static StageMatch matchStage(RoutingTable table, String host, String rawPath) {
		if (rawPath.isEmpty() || rawPath.charAt(0) != '/') {
			// An origin-form target always starts with '/'; anything else names no stage.
			return null;
		}
		// API Gateway collapses the slashes before the stage ("//prod/x" is "/prod/x"),
		// and those right after it.
		String path = Paths.collapseLeadingSlashes(rawPath);
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
				String rest = Paths.collapseLeadingSlashes(path.substring(base.length() + 1));
				return new StageMatch(mapping.stage(), "/" + base, rest.isEmpty() ? "/" : rest);
			}
		}
		return null;
	}

	private static StageMatch matchExecuteApi(RoutingTable table, String apiId, String path) {
		int end = path.indexOf('/', 1);
		String stageName = (end < 0) ? path.substring(1) : path.substring(1, end);
		StageRoutes stage = stageName.isEmpty() ? null : table.stage(apiId, stageName);
		if (stage != null) {
			return new StageMatch(stage, "/" + stageName,
					(end < 0) ? "/" : Paths.collapseLeadingSlashes(path.substring(end)));
		}
		// An HTTP API's $default stage is served at the root: a path naming no stage is
		// its.
		StageRoutes root = table.stage(apiId, Stage.DEFAULT);
		return (root != null) ? new StageMatch(root, "", path) : null;
	}

}
