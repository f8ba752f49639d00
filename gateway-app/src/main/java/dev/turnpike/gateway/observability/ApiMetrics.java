package dev.turnpike.gateway.observability;

import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

import dev.turnpike.gateway.context.ApiRequestContext;

/**
 * API Gateway's CloudWatch metrics as Micrometer meters, per API, stage, resource and method:
 * <ul>
 * <li>{@code turnpike_api_requests_seconds} (timer, histogram): {@code Count} and {@code Latency}, tagged with the
 * status class, so {@code 4XXError} and {@code 5XXError} are its {@code status="4xx"/"5xx"} counts;</li>
 * <li>{@code turnpike_api_integration_latency_seconds} (timer, histogram): {@code IntegrationLatency};</li>
 * <li>{@code turnpike_api_rejections_total}: requests the gateway answered itself, by gateway response type
 * ({@code THROTTLED}, {@code QUOTA_EXCEEDED}, {@code UNAUTHORIZED}, ...).</li>
 * </ul>
 * Tags are bounded: resource templates (never raw paths), known methods only, {@code canary} is always
 * {@code false} until canaries exist. Requests that match no API count under {@code api="none"}.
 */
public final class ApiMetrics implements Consumer<CompletedRequest> {

	private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS");

	private final MeterRegistry registry;

	public ApiMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void accept(CompletedRequest request) {
		ApiRequestContext context = request.context();
		Tags tags = tags(request);
		Timer.builder("turnpike.api.requests")
			.description("API requests: count and latency from receipt to the last byte of the response")
			.tags(tags)
			.tag("status", request.statusClass())
			.publishPercentileHistogram()
			.register(this.registry)
			.record(request.latencyNanos(), TimeUnit.NANOSECONDS);
		if (context.integrationLatencyMillis() >= 0) {
			Timer.builder("turnpike.api.integration.latency")
				.description("Time from relaying a request to the backend to its answer")
				.tags(tags)
				.publishPercentileHistogram()
				.register(this.registry)
				.record(context.integrationLatencyMillis(), TimeUnit.MILLISECONDS);
		}
		if (context.errorResponseType() != null) {
			Counter.builder("turnpike.api.rejections")
				.description("Requests the gateway answered itself, by gateway response type")
				.tags(tags)
				.tag("type", context.errorResponseType())
				.register(this.registry)
				.increment();
		}
	}

	private static Tags tags(CompletedRequest request) {
		ApiRequestContext context = request.context();
		String method = request.exchange().getRequest().getMethod().name();
		return Tags.of("api", (context.api() != null) ? context.api().id() : "none",
				"stage", (context.stage() != null) ? context.stage().name() : "none",
				"resource", (context.resourcePath() != null) ? context.resourcePath() : "none",
				"method", METHODS.contains(method) ? method : "OTHER",
				"canary", "false");
	}

}
