package dev.turnpike.gateway.cache;

import java.util.ArrayList;
import java.util.List;
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
import org.springframework.core.io.buffer.DataBufferUtils;
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
			return Flux.from(body).collectList().flatMap(buffers -> {
				long size = 0;
				for (DataBuffer buffer : buffers) {
					size += buffer.readableByteCount();
				}
				Mono<Void> store = Mono.empty();
				if (size <= ResponseCapture.this.maxEntryBytes) {
					byte[] bytes = new byte[(int) size];
					int offset = 0;
					for (DataBuffer buffer : buffers) {
						int count = buffer.readableByteCount();
						buffer.toByteBuffer(buffer.readPosition(), java.nio.ByteBuffer.wrap(bytes), offset, count);
						offset += count;
					}
					HttpStatusCode status = getStatusCode();
					store = pending.store((status != null) ? status.value() : 200, getHeaders(), bytes);
				}
				List<DataBuffer> toWrite = new ArrayList<>(buffers);
				return store.onErrorResume(ex -> Mono.empty()).then(super.writeWith(Flux.fromIterable(toWrite)));
			}).doOnDiscard(DataBuffer.class, DataBufferUtils::release);
		}

		@Override
		public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
			this.exchange.getAttributes().remove(CacheFilter.PENDING);
			return super.writeAndFlushWith(body);
		}

	}

}
