package dev.turnpike.gateway.authorizer;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.util.MultiValueMap;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriUtils;
import tools.jackson.databind.json.JsonMapper;

import dev.turnpike.gateway.context.ApiRequestContext;
import dev.turnpike.gateway.context.AwsHeaderNames;
import dev.turnpike.gateway.context.ContextVariables;
import dev.turnpike.gateway.context.HttpApiEvents;

/**
 * The events API Gateway sends Lambda authorizers, field for field
 * ({@code APIGatewayCustomAuthorizerEvent} in {@code aws-lambda-java-events}): TOKEN
 * ({@code type}, {@code authorizationToken}, {@code methodArn}) and REQUEST (headers,
 * query string, path parameters, stage variables and the request context).
 */
final class AuthorizerEvents {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private AuthorizerEvents() {
	}

	static byte[] token(String token, String methodArn) {
		Map<String, Object> event = new LinkedHashMap<>();
		event.put("type", "TOKEN");
		event.put("authorizationToken", token);
		event.put("methodArn", methodArn);
		return JSON.writeValueAsBytes(event);
	}

	/**
	 * The HTTP API 2.0 REQUEST event ({@code APIGatewayV2CustomAuthorizerEvent}): the
	 * request as payload 2.0 describes it, the route ARN and the identity values as a
	 * list.
	 */
	static byte[] requestV2(ServerWebExchange exchange, ApiRequestContext context, String routeArn, String accountId,
			List<String> identity) {
		Map<String, Object> event = HttpApiEvents.request(exchange, context, accountId);
		event.put("type", "REQUEST");
		event.put("routeArn", routeArn);
		event.put("identitySource", identity);
		return JSON.writeValueAsBytes(event);
	}

	static byte[] request(ServerWebExchange exchange, ApiRequestContext context, String methodArn, String accountId,
			List<String> identity) {
		ServerHttpRequest request = exchange.getRequest();
		Map<String, Object> event = new LinkedHashMap<>();
		if (context.api().isHttpApi()) {
			// An HTTP API's 1.0 event: REST's, with the version and the identity values
			// comma-joined.
			event.put("version", "1.0");
			event.put("identitySource", String.join(",", identity));
			event.put("authorizationToken", String.join(",", identity));
		}
		event.put("type", "REQUEST");
		event.put("methodArn", methodArn);
		event.put("resource", context.resourcePath());
		event.put("path", context.resourceRequestPath());
		event.put("httpMethod", request.getMethod().name());
		MultiValueMap<String, String> headers = AwsHeaderNames.canonicalized(request.getHeaders().asMultiValueMap());
		event.put("headers", single(headers));
		event.put("multiValueHeaders", multi(headers));
		event.put("queryStringParameters", single(request.getQueryParams()));
		event.put("multiValueQueryStringParameters", multi(request.getQueryParams()));
		Map<String, String> pathParameters = new LinkedHashMap<>();
		context.rawPathParameters()
			.forEach((name, raw) -> pathParameters.put(name, UriUtils.decode(raw, StandardCharsets.UTF_8)));
		event.put("pathParameters", pathParameters);
		event.put("stageVariables", context.stageVariables());
		event.put("requestContext", requestContext(exchange, context, accountId));
		return JSON.writeValueAsBytes(event);
	}

	private static Map<String, Object> requestContext(ServerWebExchange exchange, ApiRequestContext context,
			String accountId) {
		Map<String, Object> requestContext = new LinkedHashMap<>();
		requestContext.put("path", exchange.getRequest().getPath().value());
		requestContext.put("accountId", accountId);
		requestContext.put("resourceId", ContextVariables.resolve("resourceId", exchange, context));
		requestContext.put("stage", context.stage().name());
		requestContext.put("requestId", context.requestId());
		requestContext.put("extendedRequestId", context.extendedRequestId());
		requestContext.put("requestTimeEpoch", context.requestTimeEpoch());
		requestContext.put("requestTime", ContextVariables.resolve("requestTime", exchange, context));
		requestContext.put("protocol", "HTTP/1.1");
		requestContext.put("domainName", context.domainName());
		Map<String, Object> identity = new LinkedHashMap<>();
		identity.put("sourceIp", ContextVariables.resolve("identity.sourceIp", exchange, context));
		identity.put("userAgent", exchange.getRequest().getHeaders().getFirst(HttpHeaders.USER_AGENT));
		identity.put("apiKey", exchange.getRequest().getHeaders().getFirst("x-api-key"));
		requestContext.put("identity", identity);
		requestContext.put("resourcePath", context.resourcePath());
		requestContext.put("httpMethod", exchange.getRequest().getMethod().name());
		requestContext.put("apiId", context.api().id());
		return requestContext;
	}

	/** One value per name: the last, as API Gateway does. */
	static Map<String, String> single(MultiValueMap<String, String> values) {
		Map<String, String> single = new LinkedHashMap<>();
		values.forEach((name, list) -> {
			if (list != null && !list.isEmpty()) {
				single.put(name, list.get(list.size() - 1));
			}
		});
		return single;
	}

	static Map<String, List<String>> multi(MultiValueMap<String, String> values) {
		Map<String, List<String>> multi = new LinkedHashMap<>();
		values.forEach((name, list) -> multi.put(name, List.copyOf(list)));
		return multi;
	}

}
