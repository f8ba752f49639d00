package dev.turnpike.gateway.context;

import java.nio.charset.StandardCharsets;

import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;

/**
 * Buffered bodies for integrations that transform them: the client's body read whole but
 * bounded (a larger one fails with a {@code DataBufferLimitException}, answered 413), its
 * buffers released once copied, and responses written in one piece.
 */
public final class Bodies {

	private static final byte[] EMPTY = new byte[0];

	private Bodies() {
	}

	/** The request body, at most {@code maxBytes}. */
	public static Mono<byte[]> read(ServerWebExchange exchange, int maxBytes) {
		return DataBufferUtils.join(exchange.getRequest().getBody(), maxBytes).map(buffer -> {
			try {
				byte[] bytes = new byte[buffer.readableByteCount()];
				buffer.read(bytes);
				return bytes;
			}
			finally {
				DataBufferUtils.release(buffer);
			}
		})
			.defaultIfEmpty(EMPTY)
			.doOnNext(bytes -> exchange.getAttributes()
				.put(RequestValues.REQUEST_BODY, new String(bytes, StandardCharsets.UTF_8)));
	}

	/** Writes a complete response. */
	public static Mono<Void> write(ServerWebExchange exchange, int status, HttpHeaders headers, byte[] body) {
		ServerHttpResponse response = exchange.getResponse();
		response.setStatusCode(HttpStatusCode.valueOf(status));
		response.getHeaders().addAll(headers);
		response.getHeaders().setContentLength(body.length);
		if (body.length == 0) {
			return response.setComplete();
		}
		return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(body)));
	}

}
