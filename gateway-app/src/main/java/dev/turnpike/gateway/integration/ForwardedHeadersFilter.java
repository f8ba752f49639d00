package dev.turnpike.gateway.integration;

import java.net.InetSocketAddress;

import io.micrometer.observation.Observation;
import io.micrometer.tracing.propagation.Propagator;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;

import dev.turnpike.gateway.context.ClientAddresses;
import dev.turnpike.gateway.observability.Spans;

/**
 * Adds the headers API Gateway adds to requests it sends to HTTP backends:
 * {@code X-Forwarded-For} (the client's own {@code X-Forwarded-For}, if any, with the
 * client address appended), {@code X-Forwarded-Proto} and {@code X-Forwarded-Port}; and,
 * with tracing, {@code traceparent} (and the other propagation headers) continuing the
 * request's {@code turnpike.integration} span — so Spring Cloud Gateway's own per-call
 * client observation, which costs about a seventh of the gateway's throughput (see
 * bench/README.md), can stay off. Runs after Spring Cloud Gateway's header filters, which
 * remove incoming {@code X-Forwarded-*} headers when no trusted proxies are configured.
 */
public final class ForwardedHeadersFilter implements HttpHeadersFilter, Ordered {

	static final String X_FORWARDED_FOR = "X-Forwarded-For";

	static final String X_FORWARDED_PROTO = "X-Forwarded-Proto";

	static final String X_FORWARDED_PORT = "X-Forwarded-Port";

	private final Propagator propagator;

	/**
	 * @param propagator the trace propagator, or {@code null} without tracing
	 */
	public ForwardedHeadersFilter(Propagator propagator) {
		this.propagator = propagator;
	}

	@Override
	public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
		ServerHttpRequest request = exchange.getRequest();
		HttpHeaders updated = new HttpHeaders();
		updated.addAll(input);
		InetSocketAddress remote = request.getRemoteAddress();
		String client = (remote != null && remote.getAddress() != null) ? ClientAddresses.format(remote.getAddress())
				: null;
		String previous = request.getHeaders().getFirst(X_FORWARDED_FOR);
		if (client != null) {
			updated.set(X_FORWARDED_FOR, (previous == null || previous.isBlank()) ? client : previous + ", " + client);
		}
		String scheme = request.getURI().getScheme();
		updated.set(X_FORWARDED_PROTO, (scheme != null) ? scheme : "http");
		InetSocketAddress local = request.getLocalAddress();
		if (local != null) {
			updated.set(X_FORWARDED_PORT, Integer.toString(local.getPort()));
		}
		Observation integration = exchange.getAttribute(Spans.INTEGRATION_OBSERVATION_ATTRIBUTE);
		Spans.injectTraceHeaders(integration, this.propagator, updated::set);
		return updated;
	}

	@Override
	public boolean supports(Type type) {
		return type == Type.REQUEST;
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
