package dev.turnpike.gateway.integration;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.OrderedGatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;

import dev.turnpike.gateway.TurnpikeFilterOrder;
import dev.turnpike.gateway.config.model.IntegrationResponse;
import dev.turnpike.gateway.context.ApiRequestContext;
import dev.turnpike.gateway.context.RequestContextWebFilter;

/**
 * The {@code http} (non-proxy) integration. Unlike {@code http_proxy}, only what the integration maps reaches the
 * backend: the integration's method, the URI with mapped path parameters, mapped query parameters and headers
 * (plus the body and its Content-Type). The backend's status selects an integration response by
 * {@code selectionPattern}; that entry's status and mapped {@code responseParameters} headers are what the client
 * gets, with the body passed through. No match and no {@code default} entry → 500, as in AWS.
 */
public class HttpIntegrationGatewayFilterFactory
		extends AbstractGatewayFilterFactory<IntegrationConfig> {

	/** Headers of the client request that describe the body and therefore go along with it. */
	private static final List<String> BODY_HEADERS = List.of(HttpHeaders.CONTENT_TYPE, HttpHeaders.CONTENT_LENGTH,
			HttpHeaders.TRANSFER_ENCODING);

	/** Backend response headers kept on the method response (the body is passed through). */
	private static final Set<String> KEPT_RESPONSE_HEADERS = Set.of(HttpHeaders.CONTENT_TYPE.toLowerCase(Locale.ROOT),
			HttpHeaders.CONTENT_LENGTH.toLowerCase(Locale.ROOT), HttpHeaders.TRANSFER_ENCODING.toLowerCase(Locale.ROOT),
			RequestContextWebFilter.REQUEST_ID_HEADER.toLowerCase(Locale.ROOT),
			RequestContextWebFilter.EXTENDED_REQUEST_ID_HEADER.toLowerCase(Locale.ROOT));

	public HttpIntegrationGatewayFilterFactory() {
		super(IntegrationConfig.class);
	}

	@Override
	public GatewayFilter apply(IntegrationConfig config) {
		IntegrationTarget target = config.getTarget();
		GatewayFilter filter = new GatewayFilter() {

			@Override
			public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
				ApiRequestContext context = ApiRequestContext.of(exchange);
				URI uri = target.uri(exchange, context, false);
				exchange.getAttributes().put(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR, uri);
				HttpHeaders original = exchange.getRequest().getHeaders();
				ServerHttpRequest request = exchange.getRequest()
					.mutate()
					.method(target.method(exchange))
					.headers(headers -> {
						headers.clear();
						BODY_HEADERS.forEach(name -> {
							List<String> values = original.get(name);
							if (values != null) {
								headers.put(name, values);
							}
						});
						target.applyHeaders(headers, exchange, context);
					})
					.build();
				return chain.filter(exchange.mutate().request(request).build())
					.then(Mono.fromRunnable(() -> mapResponse(target, exchange, context)));
			}

			@Override
			public String toString() {
				return "HttpIntegration[" + target + "]";
			}

		};
		return new OrderedGatewayFilter(filter, TurnpikeFilterOrder.INTEGRATION);
	}

	static void mapResponse(IntegrationTarget target, ServerWebExchange exchange, ApiRequestContext context) {
		ServerHttpResponse response = exchange.getResponse();
		HttpStatusCode backendStatus = response.getStatusCode();
		IntegrationResponse selected = IntegrationResponses.select(target.integration(),
				(backendStatus != null) ? Integer.toString(backendStatus.value()) : "");
		HttpHeaders backendHeaders = HttpHeaders.copyOf(response.getHeaders());
		HttpHeaders headers = response.getHeaders();
		backendHeaders.headerNames().forEach(name -> {
			if (!KEPT_RESPONSE_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
				headers.remove(name);
			}
		});
		IntegrationResponses.applyResponseParameters(selected, backendHeaders, headers, exchange, context);
		response.setStatusCode(HttpStatusCode.valueOf(selected.statusCode()));
	}

}
