package dev.turnpike.gateway.observability;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

import dev.turnpike.gateway.context.ApiRequestContext;

/**
 * API Gateway's CloudWatch metrics as Micrometer meters, per API, stage, resource and
 * method:
 * <ul>
 * <li>{@code turnpike_api_requests_seconds} (timer, histogram): {@code Count} and
 * {@code Latency}, tagged with the status class, so {@code 4XXError} and {@code 5XXError}
 * are its {@code status="4xx"/"5xx"} counts;</li>
 * <li>{@code turnpike_api_integration_latency_seconds} (timer, histogram):
 * {@code IntegrationLatency};</li>
 * <li>{@code turnpike_api_rejections_total}: requests the gateway answered itself, by
 * gateway response type ({@code THROTTLED}, {@code QUOTA_EXCEEDED}, {@code UNAUTHORIZED},
 * ...).</li>
 * </ul>
 * Tags are bounded: resource templates (never raw paths), known methods only,
 * {@code canary} is always {@code false} until canaries exist. Requests that match no API
 * count under {@code api="none"}.
 */
public final class ApiMetrics implements Consumer<CompletedRequest> {

	private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS");

	private final MeterRegistry registry;

	/**
	 * The meters of each tag combination, found without building and sorting tags on
	 * every request (the combinations are bounded, see above).
	 */
	private final Map<Key, Meters> meters = new ConcurrentHashMap<>();

	public ApiMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void accept(CompletedRequest request) {
		ApiRequestContext context = request.context();
		String method = request.exchange().getRequest().getMethod().name();
		Key key = new Key((context.api() != null) ? context.api().id() : "none",
				(context.stage() != null) ? context.stage().name() : "none",
				(context.resourcePath() != null) ? context.resourcePath() : "none",
				METHODS.contains(method) ? method : "OTHER", request.statusClass());
		Meters meters = this.meters.computeIfAbsent(key, this::register);
		meters.requests().record(request.latencyNanos(), TimeUnit.NANOSECONDS);
		if (context.integrationLatencyMillis() >= 0) {
			meters.integrationLatency().record(context.integrationLatencyMillis(), TimeUnit.MILLISECONDS);
		}
		if (context.errorResponseType() != null) {
			Counter.builder("turnpike.api.rejections")
				.description("Requests the gateway answered itself, by gateway response type")
				.tags(key.tags())
				.tag("type", context.errorResponseType())
				.register(this.registry)
				.increment();
		}
	}

	private Meters register(Key key) {
		Tags tags = key.tags();
		Timer requests = Timer.builder("turnpike.api.requests")
			.description("API requests: count and latency from receipt to the last byte of the response")
			.tags(tags)
			.tag("status", key.statusClass())
			.publishPercentileHistogram()
			.register(this.registry);
		Timer integrationLatency = Timer.builder("turnpike.api.integration.latency")
			.description("Time from relaying a request to the backend to its answer")
			.tags(tags)
			.publishPercentileHistogram()
			.register(this.registry);
		return new Meters(requests, integrationLatency);
	}

	/** One combination of tags (the status class only tags the request timer). */
	private record Key(String api, String stage, String resource, String method, String statusClass) {

		Tags tags() {
			return Tags.of("api", this.api, "stage", this.stage, "resource", this.resource, "method", this.method,
					"canary", "false");
		}

	}

	private record Meters(Timer requests, Timer integrationLatency) {
	}

}
