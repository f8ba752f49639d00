package dev.turnpike.gateway.integration;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.util.MultiValueMap;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriUtils;

import dev.turnpike.gateway.config.model.Integration;
import dev.turnpike.gateway.config.model.IntegrationType;
import dev.turnpike.gateway.config.model.ParameterMapping;
import dev.turnpike.gateway.config.model.RequestLocation;
import dev.turnpike.gateway.config.model.Stage;
import dev.turnpike.gateway.config.model.StageVariables;
import dev.turnpike.gateway.config.model.ValueExpression;
import dev.turnpike.gateway.context.ApiRequestContext;
import dev.turnpike.gateway.context.RequestValues;
import dev.turnpike.gateway.error.GatewayException;
import dev.turnpike.gateway.error.GatewayResponseType;
import dev.turnpike.gateway.lambda.FunctionRef;

/**
 * An integration as one stage calls it: the endpoint URI with the stage's variables
 * substituted and parsed once, and the {@code requestParameters} mappings grouped by
 * where they go ({@code stageVariables.*} sources already resolved). Builds the backend
 * URI, method and headers for each request.
 */
public final class IntegrationTarget {

	private final Integration integration;

	private final UriTemplate uri;

	private final List<ParameterMapping> pathMappings;

	private final List<ParameterMapping> queryMappings;

	private final List<ParameterMapping> headerMappings;

	private final Set<String> mappedQueryNames;

	private final FunctionRef function;

	private final boolean appendsRequestPath;

	private IntegrationTarget(Integration integration, UriTemplate uri, FunctionRef function,
			List<ParameterMapping> mappings, boolean appendsRequestPath) {
		this.appendsRequestPath = appendsRequestPath;
		this.integration = integration;
		this.uri = uri;
		this.function = function;
		this.pathMappings = byLocation(mappings, RequestLocation.PATH);
		this.queryMappings = byLocation(mappings, RequestLocation.QUERYSTRING);
		this.headerMappings = byLocation(mappings, RequestLocation.HEADER);
		this.mappedQueryNames = this.queryMappings.stream().map(ParameterMapping::name).collect(Collectors.toSet());
	}

	/**
	 * The integration for one stage. Mappings from undefined stage variables are left out
	 * (warned at load).
	 * @throws IllegalArgumentException when a Lambda integration's URI, once the stage's
	 * variables are substituted, names no function
	 */
	public static IntegrationTarget resolve(Integration integration, Stage stage) {
		return resolve(integration, stage, false);
	}

	/**
	 * The integration for one stage.
	 * @param appendsRequestPath whether the request's whole path goes after the URI's
	 * path, as for an HTTP API's {@code $default} route ({@code /store/checkout} on
	 * {@code https://backend} calls {@code https://backend/store/checkout})
	 */
	public static IntegrationTarget resolve(Integration integration, Stage stage, boolean appendsRequestPath) {
		boolean http = integration.type() == IntegrationType.HTTP || integration.type() == IntegrationType.HTTP_PROXY;
		boolean lambda = integration.type() == IntegrationType.AWS || integration.type() == IntegrationType.AWS_PROXY;
		UriTemplate uri = (http && integration.uri() != null)
				? UriTemplate.parse(StageVariables.substitute(integration.uri(), stage.variables())) : null;
		FunctionRef function = (lambda && integration.uri() != null)
				? FunctionRef.fromInvocationUri(StageVariables.substitute(integration.uri(), stage.variables())) : null;
		List<ParameterMapping> mappings = new ArrayList<>();
		for (ParameterMapping mapping : integration.requestParameters()) {
			if (mapping.source() instanceof ValueExpression.StageVariable variable) {
				String value = stage.variables().get(variable.name());
				if (value != null) {
					mappings.add(new ParameterMapping(mapping.location(), mapping.name(),
							new ValueExpression.Static(value)));
				}
			}
			else {
				mappings.add(mapping);
			}
		}
		return new IntegrationTarget(integration, uri, function, mappings, appendsRequestPath);
	}

	private static List<ParameterMapping> byLocation(List<ParameterMapping> mappings, RequestLocation location) {
		return mappings.stream().filter(mapping -> mapping.location() == location).toList();
	}

	public Integration integration() {
		return this.integration;
	}

	/** The function a Lambda integration invokes ({@code null} for other types). */
	public FunctionRef function() {
		return this.function;
	}

	public UriTemplate uriTemplate() {
		return this.uri;
	}

	public Duration timeout() {
		return Duration.ofMillis(this.integration.timeoutMillis());
	}

	/**
	 * The method sent to the backend: the integration's, or the client's for {@code ANY}.
	 */
	public HttpMethod method(ServerWebExchange exchange) {
		return this.integration.usesClientMethod() ? exchange.getRequest().getMethod()
				: HttpMethod.valueOf(this.integration.httpMethod());
	}

	/**
	 * The backend URI for this request.
	 * @param passClientQuery whether the client's query string goes along (proxy
	 * integrations) or only mapped query parameters do (non-proxy)
	 */
	public URI uri(ServerWebExchange exchange, ApiRequestContext context, boolean passClientQuery) {
		return uri(exchange, context, passClientQuery, Map.of(), Map.of());
	}

	/**
	 * The backend URI for this request, with a request template's overrides applied
	 * ({@code $context.requestOverride.path.*} and {@code .querystring.*} replace mapped
	 * values).
	 */
	public URI uri(ServerWebExchange exchange, ApiRequestContext context, boolean passClientQuery,
			Map<String, String> pathOverrides, Map<String, String> queryOverrides) {
		Map<String, String> path = pathValues(exchange, context);
		if (!pathOverrides.isEmpty()) {
			path = new HashMap<>(path);
			for (Map.Entry<String, String> override : pathOverrides.entrySet()) {
				path.put(override.getKey(), UriUtils.encodePath(override.getValue(), StandardCharsets.UTF_8));
			}
		}
		StringBuilder target = new StringBuilder(128).append(this.uri.origin());
		if (context.integrationPath() != null) {
			// An HTTP API's overwrite:path mapping: the path the backend gets, whatever
			// the URI and route say.
			target.append(context.integrationPath());
		}
		else {
			target.append(this.uri.expandPath(path));
			if (this.appendsRequestPath) {
				appendRequestPath(target, context);
			}
		}
		String query = query(exchange, context, passClientQuery, queryOverrides);
		if (!query.isEmpty()) {
			target.append('?').append(query);
		}
		try {
			return URI.create(target.toString());
		}
		catch (IllegalArgumentException ex) {
			throw GatewayException.of(GatewayResponseType.BAD_REQUEST_PARAMETERS, "Invalid request path or query");
		}
	}

	/**
	 * The path as the client sent it (still encoded): with the stage segment on an
	 * {@code execute-api} host's named stage, as HTTP APIs forward it; without a custom
	 * domain's base path.
	 */
	private static void appendRequestPath(StringBuilder target, ApiRequestContext context) {
		String stagePath = context.stagePath();
		boolean stageSegment = stagePath != null && context.stage() != null
				&& stagePath.equals("/" + context.stage().name());
		String path = (stageSegment ? stagePath : "") + context.resourceRequestPath();
		if (target.charAt(target.length() - 1) == '/' && path.startsWith("/")) {
			target.setLength(target.length() - 1);
		}
		target.append(path);
	}

	private Map<String, String> pathValues(ServerWebExchange exchange, ApiRequestContext context) {
		if (this.uri.placeholders().isEmpty()) {
			return Map.of();
		}
		Map<String, String> values = new HashMap<>(context.rawPathParameters());
		for (ParameterMapping mapping : this.pathMappings) {
			if (mapping.source() instanceof ValueExpression.MethodRequest source
					&& source.location() == RequestLocation.PATH) {
				// Keep the client's encoding (and the slashes of a greedy {proxy+}
				// value).
				String raw = context.rawPathParameters().get(source.name());
				if (raw != null) {
					values.put(mapping.name(), raw);
				}
				continue;
			}
			String value = RequestValues.single(mapping.source(), exchange, context);
			if (value != null) {
				values.put(mapping.name(), UriUtils.encodePath(value, StandardCharsets.UTF_8));
			}
		}
		return values;
	}

	private String query(ServerWebExchange exchange, ApiRequestContext context, boolean passClientQuery,
			Map<String, String> overrides) {
		StringBuilder query = new StringBuilder(this.uri.query());
		if (passClientQuery) {
			appendClientQuery(query, exchange);
		}
		for (ParameterMapping mapping : this.queryMappings) {
			if (overrides.containsKey(mapping.name())) {
				continue;
			}
			List<String> values = (mapping.source() instanceof ValueExpression.MethodRequest source
					&& source.location() == RequestLocation.MULTIVALUE_QUERYSTRING)
							? RequestValues.multi(source, exchange, context) : single(mapping, exchange, context);
			for (String value : values) {
				append(query, mapping.name(), value);
			}
		}
		overrides.forEach((name, value) -> append(query, name, value));
		return query.toString();
	}

	private void appendClientQuery(StringBuilder query, ServerWebExchange exchange) {
		if (this.mappedQueryNames.isEmpty()) {
			String raw = exchange.getRequest().getURI().getRawQuery();
			if (raw != null && !raw.isEmpty()) {
				query.append(query.isEmpty() ? "" : "&").append(raw);
			}
			return;
		}
		MultiValueMap<String, String> params = exchange.getRequest().getQueryParams();
		params.forEach((name, values) -> {
			if (!this.mappedQueryNames.contains(name)) {
				values.forEach(value -> append(query, name, value));
			}
		});
	}

	private static List<String> single(ParameterMapping mapping, ServerWebExchange exchange,
			ApiRequestContext context) {
		String value = RequestValues.single(mapping.source(), exchange, context);
		return (value != null) ? List.of(value) : List.of();
	}

	private static void append(StringBuilder query, String name, String value) {
		if (!query.isEmpty()) {
			query.append('&');
		}
		query.append(UriUtils.encodeQueryParam(name, StandardCharsets.UTF_8));
		if (value != null) {
			query.append('=').append(UriUtils.encodeQueryParam(value, StandardCharsets.UTF_8));
		}
	}

	/** Sets the mapped {@code integration.request.header.*} values on {@code headers}. */
	public void applyHeaders(HttpHeaders headers, ServerWebExchange exchange, ApiRequestContext context) {
		for (ParameterMapping mapping : this.headerMappings) {
			if (mapping.source() instanceof ValueExpression.MethodRequest source
					&& source.location() == RequestLocation.MULTIVALUE_HEADER) {
				List<String> values = RequestValues.multi(source, exchange, context);
				if (!values.isEmpty()) {
					headers.put(mapping.name(), values);
				}
				continue;
			}
			String value = RequestValues.single(mapping.source(), exchange, context);
			if (value != null) {
				headers.set(mapping.name(), value);
			}
		}
	}

	public boolean hasHeaderMappings() {
		return !this.headerMappings.isEmpty();
	}

	@Override
	public String toString() {
		if (this.function != null) {
			return this.integration.type().configName() + " " + this.function;
		}
		return this.integration.type().configName() + " "
				+ (this.integration.usesClientMethod() ? "ANY" : this.integration.httpMethod()) + " " + this.uri;
	}

}
