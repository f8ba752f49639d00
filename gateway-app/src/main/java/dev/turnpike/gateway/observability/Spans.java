package dev.turnpike.gateway.observability;

import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.micrometer.tracing.handler.TracingObservationHandler;
import io.micrometer.tracing.propagation.Propagator;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.OrderedGatewayFilter;

/**
 * Spans for the steps of a request (authorizer, usage-plan check, integration) as
 * Micrometer observations, children of the request's server observation found in the
 * Reactor context; calls made inside a step (to an IdP, Redis, a backend) become its
 * children in turn.
 */
public final class Spans {

	/**
	 * Exchange attribute holding the integration step's observation, so headers added to
	 * the backend call (outside the Reactor context, see {@code ForwardedHeadersFilter})
	 * can continue its span.
	 */
	public static final String INTEGRATION_OBSERVATION_ATTRIBUTE = Spans.class.getName() + ".integration";

	private Spans() {
	}

	/** Runs {@code work} inside an observation named {@code name}. */
	public static <T> Mono<T> observe(ObservationRegistry registry, String name, Mono<T> work) {
		if (registry.isNoop()) {
			return work;
		}
		return Mono.deferContextual(context -> {
			Observation observation = Observation.createNotStarted(name, registry)
				.parentObservation(parent(context))
				.start();
			return work.contextWrite(c -> c.put(ObservationThreadLocalAccessor.KEY, observation))
				.doOnError(observation::error)
				.doFinally(signal -> observation.stop());
		});
	}

	/**
	 * A route filter whose own work is observed as a span named {@code name}. With
	 * {@code wholeRest} the span lasts until the rest of the chain completes (an
	 * integration: the backend call is its work); otherwise it ends when the filter hands
	 * over to the next one, which runs under the request's span again.
	 */
	public static GatewayFilter step(ObservationRegistry registry, String name, GatewayFilter filter, int order,
			boolean wholeRest) {
		if (registry.isNoop()) {
			return filter;
		}
		GatewayFilter observed = new ObservedFilter(name, filter, (exchange, chain) -> Mono.deferContextual(context -> {
			Observation parent = parent(context);
			Observation observation = Observation.createNotStarted(name, registry).parentObservation(parent).start();
			if (wholeRest) {
				exchange.getAttributes().put(INTEGRATION_OBSERVATION_ATTRIBUTE, observation);
			}
			AtomicBoolean stopped = new AtomicBoolean();
			Runnable stop = () -> {
				if (stopped.compareAndSet(false, true)) {
					observation.stop();
				}
			};
			GatewayFilterChain next = wholeRest ? chain : forwarded -> {
				stop.run();
				Mono<Void> rest = chain.filter(forwarded);
				return (parent != null) ? rest.contextWrite(c -> c.put(ObservationThreadLocalAccessor.KEY, parent))
						: rest;
			};
			return filter.filter(exchange, next)
				.contextWrite(c -> c.put(ObservationThreadLocalAccessor.KEY, observation))
				.doOnError(error -> {
					if (!stopped.get()) {
						observation.error(error);
					}
				})
				.doFinally(signal -> stop.run());
		}));
		return new OrderedGatewayFilter(observed, order);
	}

	/**
	 * A filter observed as a span; shows as the filter it wraps (for
	 * {@code /actuator/gateway/routes}).
	 */
	private record ObservedFilter(String name, GatewayFilter wrapped, GatewayFilter observed) implements GatewayFilter {

		@Override
		public Mono<Void> filter(org.springframework.web.server.ServerWebExchange exchange, GatewayFilterChain chain) {
			return this.observed.filter(exchange, chain);
		}

		@Override
		public String toString() {
			return this.wrapped + " (span " + this.name + ")";
		}

	}

	/**
	 * The trace id (32 hex characters) of the request's observation, or {@code null}
	 * without tracing.
	 */
	static String traceId(ContextView context) {
		Observation observation = parent(context);
		if (observation == null) {
			return null;
		}
		TracingObservationHandler.TracingContext tracing = observation.getContextView()
			.get(TracingObservationHandler.TracingContext.class);
		return (tracing != null && tracing.getSpan() != null) ? tracing.getSpan().context().traceId() : null;
	}

	/**
	 * The trace headers ({@code traceparent}, ...) for a call made from {@code context},
	 * continuing the current span; empty without tracing.
	 */
	public static java.util.Map<String, String> traceHeaders(ContextView context, Propagator propagator) {
		java.util.Map<String, String> headers = new java.util.LinkedHashMap<>();
		injectTraceHeaders(parent(context), propagator, headers::put);
		return headers;
	}

	/**
	 * Writes the trace headers ({@code traceparent}, ...) continuing
	 * {@code observation}'s span through {@code setter}; nothing without tracing.
	 */
	public static void injectTraceHeaders(Observation observation, Propagator propagator,
			java.util.function.BiConsumer<String, String> setter) {
		if (observation == null || propagator == null) {
			return;
		}
		TracingObservationHandler.TracingContext tracing = observation.getContextView()
			.get(TracingObservationHandler.TracingContext.class);
		if (tracing != null && tracing.getSpan() != null) {
			propagator.inject(tracing.getSpan().context(), setter, java.util.function.BiConsumer::accept);
		}
	}

	private static Observation parent(ContextView context) {
		return context.getOrDefault(ObservationThreadLocalAccessor.KEY, null);
	}

}
