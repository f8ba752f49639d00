package dev.turnpike.gateway.cache;

import java.util.Set;

import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.NettyWriteResponseFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.server.ServerWebExchange;

/**
 * Stores a miss's answer. Spring Cloud Gateway writes a backend's answer in
 * {@link NettyWriteResponseFilter}, on the response it was given, so the response is
 * decorated before that filter, on the routes that cache (marked by
 * {@link #ROUTE_METADATA}); the decorator stores only when {@link CacheFilter} left a
 * {@link CacheFilter.Pending} miss, and writes the answer after it is stored, so the next
 * request finds it. Answers larger than the largest cacheable size are passed through and
 * not stored; streamed answers ({@code writeAndFlushWith}) are never stored. Gateway
 * error responses are written elsewhere and never reach the cache.
 */
final class ResponseCapture implements GlobalFilter, Ordered {

	static final String ROUTE_METADATA = "turnpike.cache";

	/**
	 * Headers of an answer that describe one transfer, not the answer, and are never
	 * stored.
	 */
	static final Set<String> NOT_STORED = Set.of("content-length", "transfer-encoding", "connection", "keep-alive",
			"date", "set-cookie");

	private final long maxEntryBytes;

	ResponseCapture(long maxEntryBytes) {
		this.maxEntryBytes = maxEntryBytes;
	}

	@Override
	public int getOrder() {
		return NettyWriteResponseFilter.WRITE_RESPONSE_FILTER_ORDER - 1;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
		if (route == null || !route.getMetadata().containsKey(ROUTE_METADATA)) {
			return chain.filter(exchange);
		}
		return chain.filter(exchange.mutate().response(new Capturing(exchange)).build());
	}

	private final class Capturing extends ServerHttpResponseDecorator {

		private final ServerWebExchange exchange;

		Capturing(ServerWebExchange exchange) {
			super(exchange.getResponse());
			this.exchange = exchange;
		}

		@Override
		public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
			CacheFilter.Pending pending = (CacheFilter.Pending) this.exchange.getAttributes()
				.remove(CacheFilter.PENDING);
			long declared = getHeaders().getContentLength();
			if (pending == null || declared > ResponseCapture.this.maxEntryBytes) {
				return super.writeWith(body);
			}
			// The answer streams through as it comes; a copy is kept while it fits the
			// largest entry (an answer
			// without Content-Length is never held whole), and stored after its last byte
			// and before the response
			// completes, so the next request finds it.
			Copy copy = new Copy(ResponseCapture.this.maxEntryBytes);
			Mono<DataBuffer> storeAtTheEnd = Mono.defer(() -> {
				byte[] bytes = copy.bytes();
				if (bytes == null) {
					return Mono.empty();
				}
				HttpStatusCode status = getStatusCode();
				return pending.store((status != null) ? status.value() : 200, getHeaders(), bytes)
					.onErrorResume(ex -> Mono.empty());
			}).then(Mono.empty());
			return super.writeWith(Flux.<DataBuffer>from(body).doOnNext(copy::add).concatWith(storeAtTheEnd));
		}

		@Override
		public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
			this.exchange.getAttributes().remove(CacheFilter.PENDING);
			return super.writeAndFlushWith(body);
		}

	}

	/**
	 * The bytes of an answer while they fit {@code max}; nothing once they do not.
	 */
	private static final class Copy {

		private final long max;

		private java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();

		Copy(long max) {
			this.max = max;
		}

		void add(DataBuffer buffer) {
			if (this.bytes == null) {
				return;
			}
			int count = buffer.readableByteCount();
			if (this.bytes.size() + (long) count > this.max) {
				this.bytes = null;
				return;
			}
			byte[] chunk = new byte[count];
			buffer.toByteBuffer(buffer.readPosition(), java.nio.ByteBuffer.wrap(chunk), 0, count);
			this.bytes.write(chunk, 0, count);
		}

		/**
		 * What was copied, or {@code null} when the answer was larger than {@code max}.
		 */
		byte[] bytes() {
			return (this.bytes != null) ? this.bytes.toByteArray() : null;
		}

	}

}
