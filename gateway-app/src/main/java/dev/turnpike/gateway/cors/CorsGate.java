package dev.turnpike.gateway.cors;

import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;

import dev.turnpike.gateway.routing.StageGate;

/**
 * CORS for one stage, before its routes: answers a preflight ({@code OPTIONS} with
 * {@code Origin} and {@code Access-Control-Request-Method}) with 204 and the configured
 * headers, whatever routes and authorizers the API has; on every other request with an
 * {@code Origin}, replaces whatever CORS headers the answer carries (a backend's
 * included) with the configured ones, errors included. A backend's CORS headers never
 * reach the client: AWS ignores them once the API has a CORS configuration.
 */
final class CorsGate implements StageGate {

	private static final List<String> CORS_HEADERS = List.of(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN,
			HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS, HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS,
			HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS,
			HttpHeaders.ACCESS_CONTROL_MAX_AGE);

	private final CorsSettings settings;

	private final String allowMethods;

	private final String allowHeaders;

	private final String exposeHeaders;

	CorsGate(CorsSettings settings) {
		this.settings = settings;
		this.allowMethods = String.join(",", settings.allowMethods());
		this.allowHeaders = String.join(",", settings.allowHeaders());
		this.exposeHeaders = String.join(",", settings.exposeHeaders());
	}

	@Override
	public Mono<Void> before(ServerWebExchange exchange) {
		ServerHttpRequest request = exchange.getRequest();
		String origin = request.getHeaders().getOrigin();
		String requestedMethod = request.getHeaders().getFirst(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD);
		if (origin != null && HttpMethod.OPTIONS.equals(request.getMethod()) && requestedMethod != null) {
			return preflight(exchange.getResponse(), origin, requestedMethod);
		}
		ServerHttpResponse response = exchange.getResponse();
		response.beforeCommit(() -> {
			HttpHeaders headers = response.getHeaders();
			CORS_HEADERS.forEach(headers::remove);
			String allowOrigin = (origin != null) ? this.settings.allowOriginFor(origin) : null;
			if (allowOrigin != null) {
				allow(headers, allowOrigin);
				if (!this.exposeHeaders.isEmpty()) {
					headers.set(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, this.exposeHeaders);
				}
			}
			return Mono.empty();
		});
		return null;
	}

	private Mono<Void> preflight(ServerHttpResponse response, String origin, String requestedMethod) {
		response.setStatusCode(HttpStatus.NO_CONTENT);
		HttpHeaders headers = response.getHeaders();
		String allowOrigin = this.settings.allowOriginFor(origin);
		if (allowOrigin != null && this.settings.allowsMethod(requestedMethod)) {
			allow(headers, allowOrigin);
			if (!this.allowMethods.isEmpty()) {
				headers.set(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, this.allowMethods);
			}
			if (!this.allowHeaders.isEmpty()) {
				headers.set(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, this.allowHeaders);
			}
			if (this.settings.maxAge() != null) {
				headers.set(HttpHeaders.ACCESS_CONTROL_MAX_AGE, String.valueOf(this.settings.maxAge()));
			}
		}
		return response.setComplete();
	}

	private void allow(HttpHeaders headers, String allowOrigin) {
		headers.set(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, allowOrigin);
		if (this.settings.allowCredentials()) {
			headers.set(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true");
		}
		if (!"*".equals(allowOrigin)) {
			headers.add(HttpHeaders.VARY, HttpHeaders.ORIGIN);
		}
	}

}
