package dev.turnpike.gateway.observability;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import dev.turnpike.gateway.context.ApiRequestContext;

/**
 * Sees every API request through to its last byte: counts the body bytes sent, answers
 * errors with the gateway's own handler (so error responses are seen too), and when the
 * response is complete hands a {@link CompletedRequest} to the metrics and the access
 * log.
 */
public final class RequestCompletionWebFilter implements WebFilter, Ordered {

	private static final Log LOG = LogFactory.getLog(RequestCompletionWebFilter.class);

	private final WebExceptionHandler errors;

	private final List<Consumer<CompletedRequest>> listeners;

	public RequestCompletionWebFilter(WebExceptionHandler errors, List<Consumer<CompletedRequest>> listeners) {
		this.errors = errors;
		this.listeners = List.copyOf(listeners);
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ApiRequestContext context = ApiRequestContext.of(exchange);
		if (context == null) {
			return chain.filter(exchange);
		}
		AtomicLong bytes = new AtomicLong();
		ServerWebExchange counted = exchange.mutate()
			.response(new CountingResponse(exchange.getResponse(), bytes))
			.build();
		return Mono.deferContextual(reactorContext -> {
			context.traceId(Spans.traceId(reactorContext));
			return chain.filter(counted);
		})
			.onErrorResume(error -> this.errors.handle(counted, error))
			.doFinally(signal -> complete(counted, context, bytes.get()));
	}

	private void complete(ServerWebExchange exchange, ApiRequestContext context, long bytes) {
		HttpStatusCode status = exchange.getResponse().getStatusCode();
		CompletedRequest request = new CompletedRequest(exchange, context, (status != null) ? status.value() : 0, bytes,
				System.nanoTime() - context.startNanos());
		for (Consumer<CompletedRequest> listener : this.listeners) {
			try {
				listener.accept(request);
			}
			catch (RuntimeException ex) {
				LOG.warn("Recording request " + context.requestId() + " failed: " + ex);
			}
		}
	}

	@Override
	public int getOrder() {
		// Right after the request context is created, before routing.
		return Ordered.HIGHEST_PRECEDENCE + 5;
	}

	private static final class CountingResponse extends ServerHttpResponseDecorator {

		private final AtomicLong bytes;

		CountingResponse(ServerHttpResponse delegate, AtomicLong bytes) {
			super(delegate);
			this.bytes = bytes;
		}

		@Override
		public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
			return super.writeWith(
					Flux.from(body).doOnNext(buffer -> this.bytes.addAndGet(buffer.readableByteCount())));
		}

		@Override
		public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
			return super.writeAndFlushWith(Flux.from(body)
				.map(part -> Flux.from(part).doOnNext(buffer -> this.bytes.addAndGet(buffer.readableByteCount()))));
		}

	}

}
