package dev.turnpike.gateway.context;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

/**
 * Resolves AWS {@code $context} variable names ({@code requestId},
 * {@code identity.sourceIp}, ...) for one request. Used by parameter mappings
 * ({@code context.X}), gateway response templates and, later, access logs and mapping
 * templates, so every feature sees the same values.
 */
public final class ContextVariables {

	/**
	 * CLF time, as AWS writes {@code $context.requestTime}:
	 * {@code 23/Nov/2026:11:38:21 +0000}.
	 */
	static final DateTimeFormatter REQUEST_TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH)
		.withZone(ZoneOffset.UTC);

	private ContextVariables() {
	}

	/**
	 * The value of {@code $context.<name>}, or {@code null} when the variable is unknown
	 * or has no value for this request.
	 */
	public static String resolve(String name, ServerWebExchange exchange, ApiRequestContext context) {
		return switch (name) {
			case "requestId" -> context.requestId();
			case "extendedRequestId" -> context.extendedRequestId();
			case "requestTimeEpoch" -> Long.toString(context.requestTimeEpoch());
			case "requestTime" -> REQUEST_TIME.format(Instant.ofEpochMilli(context.requestTimeEpoch()));
			case "apiId" -> (context.api() != null) ? context.api().id() : null;
			case "stage" -> (context.stage() != null) ? context.stage().name() : null;
			case "deploymentId" -> context.deploymentId();
			case "routeKey" -> (context.method() != null) ? context.method().routeKey() : null;
			case "resourcePath" -> context.resourcePath();
			case "resourceId" -> resourceId(context);
			case "httpMethod" -> exchange.getRequest().getMethod().name();
			case "path" -> Paths.collapseLeadingSlashes(exchange.getRequest().getPath().value());
			case "protocol" -> "HTTP/1.1";
			case "domainName" -> context.domainName();
			case "domainPrefix" -> domainPrefix(context.domainName());
			case "identity.sourceIp" -> sourceIp(exchange);
			case "identity.userAgent" -> exchange.getRequest().getHeaders().getFirst(HttpHeaders.USER_AGENT);
			case "identity.apiKeyId" -> context.apiKeyId();
			case "identity.apiKey" -> context.apiKey();
			default ->
				name.startsWith("authorizer.") ? authorizer(name.substring("authorizer.".length()), context) : null;
		};
	}

	private static String authorizer(String name, ApiRequestContext context) {
		ApiRequestContext.AuthorizerResult result = context.authorizer();
		if (result == null) {
			return null;
		}
		if (name.equals("principalId")) {
			return result.principalId();
		}
		if (name.startsWith("claims.")) {
			return result.claims().get(name.substring("claims.".length()));
		}
		return result.context().get(name);
	}

	/**
	 * A stable six-character id for the matched resource, standing in for AWS's generated
	 * resource ids.
	 */
	static String resourceId(ApiRequestContext context) {
		if (context.resourcePath() == null || context.api() == null) {
			return null;
		}
		int hash = (context.api().id() + context.resourcePath()).hashCode();
		String id = Integer.toString(hash & 0x7FFFFFFF, 36);
		return (id + "000000").substring(0, 6);
	}

	private static String domainPrefix(String domainName) {
		if (domainName == null) {
			return null;
		}
		int dot = domainName.indexOf('.');
		return (dot > 0) ? domainName.substring(0, dot) : domainName;
	}

	static String sourceIp(ServerWebExchange exchange) {
		ApiRequestContext context = ApiRequestContext.of(exchange);
		if (context != null && context.sourceIp() != null) {
			return ClientAddresses.format(context.sourceIp());
		}
		InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
		if (remote == null || remote.getAddress() == null) {
			return null;
		}
		return ClientAddresses.format(remote.getAddress());
	}

}
