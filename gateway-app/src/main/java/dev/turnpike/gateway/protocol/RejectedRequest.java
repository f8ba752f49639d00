package dev.turnpike.gateway.protocol;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import reactor.netty.http.server.HttpServerRequest;

import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;

import dev.turnpike.gateway.error.GatewayException;

/**
 * The stand-in for a request the gateway refuses before routing. The channel handler
 * cannot answer by itself without overtaking responses still owed to earlier pipelined
 * requests, so it hands Reactor Netty this empty {@code GET /} instead; Reactor Netty
 * queues it behind them, and the web filter answers it with the gateway response it
 * carries (and {@code Connection: close}). The marker is the type of its headers object,
 * which no client can forge. It does not ask for the close itself: Reactor Netty would
 * then close after the first response still owed, before this one.
 */
final class RejectedRequest {

	private RejectedRequest() {
	}

	static FullHttpRequest create(GatewayException rejection) {
		RejectionHeaders headers = new RejectionHeaders(rejection);
		headers.set(HttpHeaderNames.CONTENT_LENGTH, HttpHeaderValues.ZERO);
		return new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/", Unpooled.EMPTY_BUFFER, headers,
				new DefaultHttpHeaders());
	}

	/** The rejection a request stands in for, or {@code null} for every real request. */
	static GatewayException rejection(ServerHttpRequest request) {
		Object nativeRequest;
		try {
			nativeRequest = ServerHttpRequestDecorator.getNativeRequest(request);
		}
		catch (IllegalArgumentException | IllegalStateException ex) {
			// Not a request from a server (a mock, say): no handler can have refused it.
			return null;
		}
		if (nativeRequest instanceof HttpServerRequest reactorRequest
				&& reactorRequest.requestHeaders() instanceof RejectionHeaders headers) {
			return headers.rejection;
		}
		return null;
	}

	private static final class RejectionHeaders extends DefaultHttpHeaders {

		private final GatewayException rejection;

		RejectionHeaders(GatewayException rejection) {
			this.rejection = rejection;
		}

	}

}
