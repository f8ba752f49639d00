package dev.turnpike.gateway.protocol;

import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import dev.turnpike.gateway.error.GatewayException;
import dev.turnpike.gateway.responses.GatewayResponseWriter;

/**
 * Answers the stand-in for a refused request ({@link RejectedRequest}) with its gateway
 * response, after the request context (so it carries a fresh {@code x-amzn-RequestId})
 * and the completion filter (so it is counted and logged), and before routing, so it can
 * never reach an API.
 */
public final class ProtocolErrorWebFilter implements WebFilter, Ordered {

	private static final Map<String, String> CLOSE = Map.of(HttpHeaders.CONNECTION, "close");

	private final GatewayResponseWriter writer;

	public ProtocolErrorWebFilter(GatewayResponseWriter writer) {
		this.writer = writer;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		GatewayException rejection = RejectedRequest.rejection(exchange.getRequest());
		if (rejection == null) {
			return chain.filter(exchange);
		}
		// The handler drops whatever the connection sends after a refused request: it
		// cannot serve another one.
		return this.writer.write(exchange, rejection.withHeaders(CLOSE));
	}

	@Override
	public int getOrder() {
		// After RequestContextWebFilter (HIGHEST_PRECEDENCE) and
		// RequestCompletionWebFilter (+5), before routing (+10).
		return Ordered.HIGHEST_PRECEDENCE + 7;
	}

}
