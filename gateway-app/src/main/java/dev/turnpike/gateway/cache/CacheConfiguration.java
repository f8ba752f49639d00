package dev.turnpike.gateway.cache;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.core.ReactiveRedisTemplate;
import org.springframework.data.redis.serializer.RedisSerializationContext;
import org.springframework.data.redis.serializer.RedisSerializer;

import dev.turnpike.gateway.RedisFirstConnection;
import dev.turnpike.gateway.config.ConfigProblem;
import dev.turnpike.gateway.config.InvalidConfigException;
import dev.turnpike.gateway.routing.RequestFlow;
import dev.turnpike.gateway.routing.RouteFilter;
import dev.turnpike.gateway.routing.RouteFilterContributor;

/**
 * API caching: per-stage caches in Redis, consulted after every check and before the
 * integration.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CacheProperties.class)
class CacheConfiguration {

	@Bean
	CacheMetrics cacheMetrics(ObjectProvider<MeterRegistry> meters) {
		return new CacheMetrics(meters.getIfAvailable(SimpleMeterRegistry::new));
	}

	@Bean
	ResponseCache responseCache(ReactiveRedisConnectionFactory connections, CacheProperties properties,
			CacheMetrics metrics, RedisFirstConnection firstConnection) {
		RedisSerializationContext<String, byte[]> serialization = RedisSerializationContext
			.<String, byte[]>newSerializationContext(RedisSerializer.byteArray())
			.key(RedisSerializer.string())
			.hashKey(RedisSerializer.string())
			.build();
		return new ResponseCache(new ReactiveRedisTemplate<>(connections, serialization),
				new EntryCipher(properties.key()), properties.redisTimeout(), metrics)
			.placedWith(firstConnection);
	}

	@Bean
	ResponseCapture responseCapture(CacheProperties properties) {
		return new ResponseCapture(properties.maxEntrySize().toBytes());
	}

	@Bean
	RouteFilterContributor cacheRoutes(ResponseCache cache, CacheProperties properties, CacheMetrics metrics,
			@Qualifier("turnpikeClock") Clock clock) {
		return (api, stage, method) -> {
			CacheSettings.Stage settings = stage.features().get(CacheConfig.STAGE);
			if (settings == null || !settings.enabled()) {
				return null;
			}
			CacheSettings.Resolved resolved = settings.resolve(method.methodKey(), method.httpMethod());
			if (!resolved.enabled()) {
				return null;
			}
			if (resolved.encrypted() && !cache.canEncrypt()) {
				throw new InvalidConfigException(List.of(new ConfigProblem(stage.file(), "caching",
						"cacheDataEncrypted is true for " + method.methodKey() + ", but the gateway has no"
								+ " turnpike.cache.encryption-key; refused rather than cached in the clear")));
			}
			long maxBytes = (long) (settings.sizeInGb() * properties.memoryPerGb().toBytes());
			CacheFilter filter = new CacheFilter(cache, resolved, method.features().get(CacheConfig.METHOD),
					method.resourcePath(), maxBytes,
					metrics.route(api.id(), stage.name(), method.resourcePath(), method.httpMethod()), clock);
			return new RouteFilter(RequestFlow.CACHE, filter, null, Map.of(ResponseCapture.ROUTE_METADATA, true));
		};
	}

}
