package dev.turnpike.gateway.context;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.util.MultiValueMap;
import org.springframework.web.server.ServerWebExchange;

/**
 * The request as HTTP API payload 2.0 describes it, shared by the Lambda proxy event
 * ({@code APIGatewayV2HTTPEvent}) and the 2.0 Lambda authorizer event
 * ({@code APIGatewayV2CustomAuthorizerEvent}): route key, raw path and query, cookies,
 * lower-case headers and query parameters with repeated values comma-joined, path
 * parameters, stage variables and the request context. Each caller adds its own fields to
 * the mutable maps it gets.
 */
public final class HttpApiEvents {

	private HttpApiEvents() {
	}

	/**
	 * The route key an event carries: an HTTP API route's own ({@code ANY /{proxy+}},
	 * {@code $default}); for a REST method sent a 2.0 event, the request's method and the
	 * resource.
	 */
	public static String routeKey(ServerWebExchange exchange, ApiRequestContext context) {
		return context.api().isHttpApi() ? context.method().routeKey()
				: exchange.getRequest().getMethod().name() + " " + context.resourcePath();
	}

	/**
	 * The 2.0 event's request fields, with {@code requestContext} as a mutable map under
	 * that key.
	 */
	public static Map<String, Object> request(ServerWebExchange exchange, ApiRequestContext context, String accountId) {
		ServerHttpRequest request = exchange.getRequest();
		String routeKey = routeKey(exchange, context);
		Map<String, Object> event = new LinkedHashMap<>();
		event.put("version", "2.0");
		event.put("routeKey", routeKey);
		event.put("rawPath", request.getPath().value());
		String rawQuery = request.getURI().getRawQuery();
		event.put("rawQueryString", (rawQuery != null) ? rawQuery : "");
		List<String> cookies = new ArrayList<>();
		Map<String, String> headers = new LinkedHashMap<>();
		request.getHeaders().asMultiValueMap().forEach((name, values) -> {
			String lower = name.toLowerCase(Locale.ROOT);
			if (AwsHeaderNames.isDropped(lower)) {
				return;
			}
			if (lower.equals("cookie")) {
				values.forEach(value -> {
					for (String cookie : value.split(";")) {
						if (!cookie.isBlank()) {
							cookies.add(cookie.trim());
						}
					}
				});
				return;
			}
			headers.merge(lower, String.join(",", values), (a, b) -> a + "," + b);
		});
		if (!cookies.isEmpty()) {
			event.put("cookies", cookies);
		}
		event.put("headers", headers);
		MultiValueMap<String, String> query = request.getQueryParams();
		if (!query.isEmpty()) {
			Map<String, String> joined = new LinkedHashMap<>();
			query.forEach((name, values) -> joined.put(name, String.join(",", values)));
			event.put("queryStringParameters", joined);
		}
		Map<String, Object> requestContext = new LinkedHashMap<>();
		requestContext.put("accountId", accountId);
		requestContext.put("apiId", context.api().id());
		requestContext.put("domainName", context.domainName());
		requestContext.put("domainPrefix", ContextVariables.resolve("domainPrefix", exchange, context));
		Map<String, Object> http = new LinkedHashMap<>();
		http.put("method", request.getMethod().name());
		http.put("path", request.getPath().value());
		http.put("protocol", "HTTP/1.1");
		http.put("sourceIp", ContextVariables.resolve("identity.sourceIp", exchange, context));
		http.put("userAgent", ContextVariables.resolve("identity.userAgent", exchange, context));
		requestContext.put("http", http);
		requestContext.put("requestId", context.requestId());
		requestContext.put("routeKey", routeKey);
		requestContext.put("stage", context.stage().name());
		requestContext.put("time", ContextVariables.resolve("requestTime", exchange, context));
		requestContext.put("timeEpoch", context.requestTimeEpoch());
		event.put("requestContext", requestContext);
		if (!context.rawPathParameters().isEmpty()) {
			event.put("pathParameters", context.rawPathParameters());
		}
		if (!context.stageVariables().isEmpty()) {
			event.put("stageVariables", context.stageVariables());
		}
		return event;
	}

	/** The event's {@code requestContext}, to add to. */
	@SuppressWarnings("unchecked")
	public static Map<String, Object> requestContext(Map<String, Object> event) {
		return (Map<String, Object>) event.get("requestContext");
	}

}
