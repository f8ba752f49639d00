package dev.turnpike.gateway.cache;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;

import dev.turnpike.gateway.context.ApiRequestContext;
import dev.turnpike.gateway.error.GatewayException;
import dev.turnpike.gateway.error.GatewayResponseType;

/**
 * The cache step of one method of one stage, after authorizers, API keys, throttles and
 * validation (so a hit still needs the key and counts against its plan) and before the
 * integration (which runs only on a miss). A hit is answered here; a miss goes on and
 * leaves a {@link Pending} entry that {@link ResponseCapture} stores once the answer is
 * written. {@code Cache-Control: max-age=0} refreshes the entry when the caller may
 * invalidate it.
 */
final class CacheFilter implements GatewayFilter {

	/** The exchange attribute a miss leaves for {@link ResponseCapture}. */
	static final String PENDING = CacheFilter.class.getName() + ".pending";

	/**
	 * Added under {@code SUCCEED_WITH_RESPONSE_HEADER} (AWS documents no name for its
	 * header).
	 */
	static final String WARNING = "Warning";

	static final String WARNING_VALUE = "199 - \"Cache-Control: max-age=0 ignored: not authorized to invalidate the cache\"";

	private final ResponseCache cache;

	private final CacheSettings.Resolved settings;

	private final CacheSettings.Key key;

	private final String resourcePath;

	private final long maxBytes;

	private final CacheMetrics.Route metrics;

	private final Clock clock;

	CacheFilter(ResponseCache cache, CacheSettings.Resolved settings, CacheSettings.Key key, String resourcePath,
			long maxBytes, CacheMetrics.Route metrics, Clock clock) {
		this.cache = cache;
		this.settings = settings;
		this.key = key;
		this.resourcePath = resourcePath;
		this.maxBytes = maxBytes;
		this.metrics = metrics;
		this.clock = clock;
	}

	/** A miss to be stored once the integration answered. */
	record Pending(ResponseCache cache, String apiId, String stage, String entry, boolean encrypt, long ttlMillis,
			long maxBytes, Set<String> headersBefore, Clock clock) {

		/**
		 * Stores the answer: the headers the integration and response mapping set, not
		 * those of earlier steps.
		 */
		Mono<Void> store(int status, HttpHeaders headers, byte[] body) {
			List<Map.Entry<String, String>> kept = new java.util.ArrayList<>();
			headers.forEach((name, values) -> {
				String lower = name.toLowerCase(Locale.ROOT);
				if (!this.headersBefore.contains(lower) && !ResponseCapture.NOT_STORED.contains(lower)) {
					values.forEach(value -> kept.add(Map.entry(name, value)));
				}
			});
			long now = this.clock.millis();
			return this.cache.put(this.apiId, this.stage, this.entry,
					new CachedResponse(status, now + this.ttlMillis, List.copyOf(kept), body), this.encrypt,
					this.ttlMillis, this.maxBytes);
		}

	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		ApiRequestContext context = ApiRequestContext.of(exchange);
		if (context == null || context.stage() == null) {
			return chain.filter(exchange);
		}
		String apiId = context.api().id();
		String stage = context.stage().name();
		String entry = entryId(exchange.getRequest(), context);
		if (asksToRefresh(exchange.getRequest().getHeaders())) {
			if (!this.settings.requireAuthorization() || context.authorizer() != null) {
				return miss(exchange, chain, apiId, stage, entry);
			}
			switch (this.settings.unauthorized()) {
				case FAIL_WITH_403 -> {
					return Mono.error(GatewayException.of(GatewayResponseType.ACCESS_DENIED,
							"Not authorized to invalidate the cache (Cache-Control: max-age=0)"));
				}
				case SUCCEED_WITH_RESPONSE_HEADER -> exchange.getResponse().getHeaders().add(WARNING, WARNING_VALUE);
				case SUCCEED_WITHOUT_RESPONSE_HEADER -> {
				}
			}
		}
		return this.cache.get(apiId, stage, entry, this.settings.encrypted(), this.clock.millis()).flatMap(hit -> {
			this.metrics.hits().increment();
			return answer(exchange.getResponse(), hit).thenReturn(Boolean.TRUE);
		}).switchIfEmpty(Mono.defer(() -> miss(exchange, chain, apiId, stage, entry).thenReturn(Boolean.FALSE))).then();
	}

	private Mono<Void> miss(ServerWebExchange exchange, GatewayFilterChain chain, String apiId, String stage,
			String entry) {
		this.metrics.misses().increment();
		Set<String> before = new HashSet<>();
		exchange.getResponse().getHeaders().headerNames().forEach(name -> before.add(name.toLowerCase(Locale.ROOT)));
		exchange.getAttributes()
			.put(PENDING, new Pending(this.cache, apiId, stage, entry, this.settings.encrypted(),
					this.settings.ttlSeconds() * 1000L, this.maxBytes, Set.copyOf(before), this.clock));
		return chain.filter(exchange);
	}

	private static Mono<Void> answer(ServerHttpResponse response, CachedResponse hit) {
		response.setStatusCode(HttpStatusCode.valueOf(hit.status()));
		HttpHeaders headers = response.getHeaders();
		hit.headers().forEach(header -> headers.remove(header.getKey()));
		hit.headers().forEach(header -> headers.add(header.getKey(), header.getValue()));
		headers.setContentLength(hit.body().length);
		DataBuffer body = response.bufferFactory().wrap(hit.body());
		return response.writeWith(Mono.just(body));
	}

	/** {@code Cache-Control} with a {@code max-age=0} directive. */
	static boolean asksToRefresh(HttpHeaders headers) {
		for (String value : headers.getOrEmpty(HttpHeaders.CACHE_CONTROL)) {
			for (String directive : value.split(",")) {
				if (directive.trim().replace(" ", "").equalsIgnoreCase("max-age=0")) {
					return true;
				}
			}
		}
		return false;
	}

	/**
	 * The entry's id: the request method, the namespace (the resource unless
	 * {@code cacheNamespace} names one) and the values of {@code cacheKeyParameters},
	 * hashed. Other parameters are not part of it, as on AWS.
	 */
	String entryId(ServerHttpRequest request, ApiRequestContext context) {
		StringBuilder key = new StringBuilder(128).append(request.getMethod().name())
			.append('\n')
			.append((this.key != null && this.key.namespace() != null) ? "ns:" + this.key.namespace()
					: "resource:" + this.resourcePath)
			.append('\n');
		if (this.key != null) {
			for (CacheSettings.KeyParameter parameter : this.key.parameters()) {
				List<String> values = switch (parameter.source()) {
					case QUERYSTRING -> request.getQueryParams().get(parameter.name());
					case HEADER -> request.getHeaders().get(parameter.name());
					case PATH -> {
						String value = context.rawPathParameters().get(parameter.name());
						yield (value != null) ? List.of(value) : null;
					}
				};
				key.append(parameter.source())
					.append(':')
					.append(parameter.name().length())
					.append(':')
					.append(parameter.name());
				if (values == null) {
					key.append("!\n");
				}
				else {
					values.forEach(value -> key.append('=').append(value.length()).append(':').append(value));
					key.append('\n');
				}
			}
		}
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest(key.toString().getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest, 0, 20);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
