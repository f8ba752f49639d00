package dev.turnpike.gateway.integration;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.util.MultiValueMap;
import org.springframework.web.server.ServerWebExchange;

import dev.turnpike.gateway.context.ApiRequestContext;
import dev.turnpike.gateway.context.AwsHeaderNames;
import dev.turnpike.gateway.context.ContextVariables;
import dev.turnpike.gateway.context.HttpApiEvents;

/**
 * The events a Lambda proxy integration sends, field for field as API Gateway builds
 * them: REST payload 1.0 ({@code APIGatewayProxyRequestEvent}) and HTTP payload 2.0
 * ({@code APIGatewayV2HTTPEvent}). Bodies whose Content-Type is one of the API's binary
 * media types travel base64-encoded.
 */
final class LambdaProxyEvents {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private LambdaProxyEvents() {
	}

	static byte[] v1(ServerWebExchange exchange, ApiRequestContext context, byte[] body, String accountId) {
		ServerHttpRequest request = exchange.getRequest();
		Map<String, Object> event = new LinkedHashMap<>();
		event.put("resource", context.resourcePath());
		event.put("path", context.resourceRequestPath());
		event.put("httpMethod", request.getMethod().name());
		MultiValueMap<String, String> headers = headers(request.getHeaders());
		event.put("headers", headers.isEmpty() ? null : last(headers));
		event.put("multiValueHeaders", headers.isEmpty() ? null : multi(headers));
		MultiValueMap<String, String> query = request.getQueryParams();
		event.put("queryStringParameters", query.isEmpty() ? null : last(query));
		event.put("multiValueQueryStringParameters", query.isEmpty() ? null : multi(query));
		event.put("pathParameters", context.rawPathParameters().isEmpty() ? null : context.rawPathParameters());
		event.put("stageVariables", context.stageVariables().isEmpty() ? null : context.stageVariables());
		event.put("requestContext", requestContextV1(exchange, context, accountId));
		boolean binary = isBinary(request, context);
		event.put("body", body(body, binary));
		event.put("isBase64Encoded", binary && body.length > 0);
		return JSON.writeValueAsBytes(event);
	}

	private static Map<String, Object> requestContextV1(ServerWebExchange exchange, ApiRequestContext context,
			String accountId) {
		Map<String, Object> requestContext = new LinkedHashMap<>();
		requestContext.put("accountId", accountId);
		requestContext.put("apiId", context.api().id());
		Map<String, Object> authorizer = authorizer(context);
		if (authorizer != null) {
			requestContext.put("authorizer", authorizer);
		}
		requestContext.put("deploymentId", context.deploymentId());
		requestContext.put("domainName", context.domainName());
		requestContext.put("domainPrefix", ContextVariables.resolve("domainPrefix", exchange, context));
		requestContext.put("extendedRequestId", context.extendedRequestId());
		requestContext.put("httpMethod", exchange.getRequest().getMethod().name());
		Map<String, Object> identity = new LinkedHashMap<>();
		for (String name : List.of("accessKey", "accountId", "caller", "cognitoAuthenticationProvider",
				"cognitoAuthenticationType", "cognitoIdentityId", "cognitoIdentityPoolId", "principalOrgId")) {
			identity.put(name, null);
		}
		identity.put("sourceIp", ContextVariables.resolve("identity.sourceIp", exchange, context));
		identity.put("user", null);
		identity.put("userAgent", ContextVariables.resolve("identity.userAgent", exchange, context));
		identity.put("userArn", null);
		if (context.apiKeyId() != null) {
			identity.put("apiKey", context.apiKey());
			identity.put("apiKeyId", context.apiKeyId());
		}
		requestContext.put("identity", identity);
		requestContext.put("path", ContextVariables.resolve("path", exchange, context));
		requestContext.put("protocol", "HTTP/1.1");
		requestContext.put("requestId", context.requestId());
		requestContext.put("requestTime", ContextVariables.resolve("requestTime", exchange, context));
		requestContext.put("requestTimeEpoch", context.requestTimeEpoch());
		requestContext.put("resourceId", ContextVariables.resolve("resourceId", exchange, context));
		requestContext.put("resourcePath", context.resourcePath());
		requestContext.put("stage", context.stage().name());
		return requestContext;
	}

	/**
	 * principalId and context (Lambda authorizers), claims (JWT and Cognito); null when
	 * no authorizer ran.
	 */
	private static Map<String, Object> authorizer(ApiRequestContext context) {
		ApiRequestContext.AuthorizerResult result = context.authorizer();
		if (result == null) {
			return null;
		}
		Map<String, Object> authorizer = new LinkedHashMap<>(result.context());
		if (result.principalId() != null) {
			authorizer.put("principalId", result.principalId());
		}
		if (!result.claims().isEmpty()) {
			authorizer.put("claims", result.claims());
		}
		return authorizer;
	}

	static byte[] v2(ServerWebExchange exchange, ApiRequestContext context, byte[] body, String accountId) {
		Map<String, Object> event = HttpApiEvents.request(exchange, context, accountId);
		ApiRequestContext.AuthorizerResult result = context.authorizer();
		if (result != null) {
			Map<String, Object> authorizer = new LinkedHashMap<>();
			if (!result.claims().isEmpty()) {
				Map<String, Object> jwt = new LinkedHashMap<>();
				jwt.put("claims", result.claims());
				jwt.put("scopes", scopes(result.claims()));
				authorizer.put("jwt", jwt);
			}
			else {
				Map<String, Object> lambda = new LinkedHashMap<>(result.context());
				if (result.principalId() != null) {
					lambda.put("principalId", result.principalId());
				}
				authorizer.put("lambda", lambda);
			}
			HttpApiEvents.requestContext(event).put("authorizer", authorizer);
		}
		boolean binary = isBinary(exchange.getRequest(), context);
		if (body.length > 0) {
			event.put("body", body(body, binary));
		}
		event.put("isBase64Encoded", binary && body.length > 0);
		return JSON.writeValueAsBytes(event);
	}

	/**
	 * The token's scopes: {@code scope} (space-separated) or, without it, {@code scp} (a
	 * list, which claims carry comma-joined, or space-separated); {@code null} for none.
	 */
	private static List<String> scopes(Map<String, String> claims) {
		String scope = claims.get("scope");
		if (scope != null) {
			return List.of(scope.split(" "));
		}
		String scp = claims.get("scp");
		return (scp != null) ? List.of(scp.split("[ ,]+")) : null;
	}

	private static boolean isBinary(ServerHttpRequest request, ApiRequestContext context) {
		return BinaryMediaTypes.matches(context.api().binaryMediaTypes(),
				request.getHeaders().getFirst(HttpHeaders.CONTENT_TYPE));
	}

	private static String body(byte[] body, boolean binary) {
		if (body.length == 0) {
			return null;
		}
		return binary ? Base64.getEncoder().encodeToString(body) : new String(body, StandardCharsets.UTF_8);
	}

	private static MultiValueMap<String, String> headers(HttpHeaders headers) {
		MultiValueMap<String, String> kept = new org.springframework.util.LinkedMultiValueMap<>();
		headers.asMultiValueMap().forEach((name, values) -> {
			if (!AwsHeaderNames.isDropped(name)) {
				kept.addAll(AwsHeaderNames.canonical(name), values);
			}
		});
		return kept;
	}

	private static Map<String, String> last(MultiValueMap<String, String> values) {
		Map<String, String> last = new LinkedHashMap<>();
		values.forEach((name, list) -> {
			if (list != null && !list.isEmpty()) {
				last.put(name, list.get(list.size() - 1));
			}
		});
		return last;
	}

	private static Map<String, List<String>> multi(MultiValueMap<String, String> values) {
		Map<String, List<String>> multi = new LinkedHashMap<>();
		values.forEach((name, list) -> multi.put(name, List.copyOf(list)));
		return multi;
	}

}
