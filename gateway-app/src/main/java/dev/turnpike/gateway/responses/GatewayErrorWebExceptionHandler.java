package dev.turnpike.gateway.responses;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;

import dev.turnpike.gateway.error.GatewayException;
import dev.turnpike.gateway.error.GatewayResponseType;

/**
 * Catches every error that escapes routing or a filter chain and writes it as a gateway
 * response, ahead of Spring Boot's error handler, so a client never sees a whitelabel
 * page or a stack trace.
 */
public final class GatewayErrorWebExceptionHandler implements WebExceptionHandler, Ordered {

	private final GatewayResponseWriter writer;

	public GatewayErrorWebExceptionHandler(GatewayResponseWriter writer) {
		this.writer = writer;
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
		if (ex instanceof reactor.netty.channel.AbortedException) {
			// The client closed its connection before the answer was sent: nobody is left
			// to answer, and it is
			// not the gateway's fault.
			GatewayResponseWriter.logClientGone(exchange, ex);
			return Mono.empty();
		}
		GatewayException error = ErrorClassifier.classify(ex);
		if (error == null) {
			GatewayResponseWriter.logUnexpected(exchange, ex);
			error = GatewayException.of(GatewayResponseType.API_CONFIGURATION_ERROR);
		}
		return this.writer.write(exchange, error);
	}

	@Override
	public int getOrder() {
		// Before Spring Boot's DefaultErrorWebExceptionHandler (-1).
		return -2;
	}

}
