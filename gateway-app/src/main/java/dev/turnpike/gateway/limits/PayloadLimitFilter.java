package dev.turnpike.gateway.limits;

import java.util.concurrent.atomic.AtomicLong;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;

import dev.turnpike.gateway.routing.RequestFlow;
import dev.turnpike.gateway.error.GatewayException;
import dev.turnpike.gateway.error.GatewayResponseType;

/**
 * Rejects request bodies over the payload limit (AWS: 10 MB) with 413
 * {@code REQUEST_TOO_LARGE}: at once when {@code Content-Length} says so, otherwise while
 * a chunked body streams past the limit (the buffer that crossed it is released). Runs
 * before everything else on a route, so an oversized request reaches no authorizer or
 * backend.
 */
public final class PayloadLimitFilter implements GlobalFilter, Ordered {

	private final long maxBytes;

	public PayloadLimitFilter(long maxBytes) {
		this.maxBytes = maxBytes;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		long declared = request.getHeaders().getContentLength();
		if (declared > this.maxBytes) {
			return Mono.error(GatewayException.of(GatewayResponseType.REQUEST_TOO_LARGE));
		}
		if (declared >= 0 || HttpMethod.GET.equals(request.getMethod())
				|| HttpMethod.HEAD.equals(request.getMethod())) {
			// A declared length was checked above; GET and HEAD carry no body worth
			// counting.
			return chain.filter(exchange);
		}
		ServerHttpRequest limited = new ServerHttpRequestDecorator(request) {

			@Override
			public Flux<DataBuffer> getBody() {
				AtomicLong total = new AtomicLong();
				return super.getBody().handle((buffer, sink) -> {
					if (total.addAndGet(buffer.readableByteCount()) > PayloadLimitFilter.this.maxBytes) {
						DataBufferUtils.release(buffer);
						sink.error(GatewayException.of(GatewayResponseType.REQUEST_TOO_LARGE));
					}
					else {
						sink.next(buffer);
					}
				});
			}

		};
		return chain.filter(exchange.mutate().request(limited).build());
	}

	@Override
	public int getOrder() {
		return RequestFlow.PAYLOAD_LIMIT.order();
	}

	@Override
	public String toString() {
		return "PayloadLimit[" + this.maxBytes + " bytes]";
	}

}
