package dev.turnpike.gateway.cache;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * AWS's {@code CacheHitCount} and {@code CacheMissCount} as
 * {@code turnpike_api_cache_hits_total} and {@code turnpike_api_cache_misses_total} per
 * API, stage, resource and method; evictions and Redis failures per gateway.
 */
final class CacheMetrics {

	private final MeterRegistry registry;

	private final Counter evictions;

	private final Counter redisErrors;

	CacheMetrics(MeterRegistry registry) {
		this.registry = registry;
		this.evictions = Counter.builder("turnpike.api.cache.evictions")
			.description("Cache entries evicted to keep a stage within its cache size")
			.register(registry);
		this.redisErrors = Counter.builder("turnpike.api.cache.redis.errors")
			.description("Cache reads and writes skipped because Redis failed or was too slow")
			.register(registry);
	}

	/** The hit and miss counters of one method of one stage. */
	record Route(Counter hits, Counter misses) {
	}

	Route route(String apiId, String stage, String resource, String method) {
		return new Route(
				counter("turnpike.api.cache.hits", "Requests answered from the API cache", apiId, stage, resource,
						method),
				counter("turnpike.api.cache.misses", "Requests the API cache could not answer", apiId, stage, resource,
						method));
	}

	private Counter counter(String name, String description, String apiId, String stage, String resource,
			String method) {
		return Counter.builder(name)
			.description(description)
			.tag("api", apiId)
			.tag("stage", stage)
			.tag("resource", resource)
			.tag("method", method)
			.register(this.registry);
	}

	void evicted(long count) {
		if (count > 0) {
			this.evictions.increment(count);
		}
	}

	void redisError() {
		this.redisErrors.increment();
	}

}
