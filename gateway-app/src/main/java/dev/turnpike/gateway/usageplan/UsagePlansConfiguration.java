package dev.turnpike.gateway.usageplan;

import java.time.Clock;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.resource.Delay;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import dev.turnpike.gateway.RedisFirstConnection;
import dev.turnpike.gateway.TurnpikeProperties;
import dev.turnpike.gateway.routing.RouteFilterContributor;
import dev.turnpike.usageplans.core.ApiKeyHasher;
import dev.turnpike.usageplans.core.ThrottleSettings;

/** API keys, usage plans and throttles, enforced in Redis. */
@Configuration(proxyBeanMethods = false)
class UsagePlansConfiguration {

	/**
	 * The clock limits and key expiry are decided by; tests replace it to cross period
	 * boundaries.
	 */
	@Bean
	@ConditionalOnMissingBean(name = "turnpikeClock")
	Clock turnpikeClock() {
		return Clock.systemUTC();
	}

	/**
	 * While Redis is unreachable, commands fail at once instead of queueing until a
	 * reconnect: the request path must never wait on a dead Redis (the failure policy
	 * decides instead).
	 */
	@Bean
	LettuceClientOptionsBuilderCustomizer rejectCommandsWhileDisconnected() {
		return options -> options.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
	}

	/**
	 * Lettuce reconnects with a backoff that doubles up to 30 s by default, so after a
	 * long outage a returning Redis would wait up to 30 s for the next attempt, and the
	 * breaker's probes meanwhile fail at once (disconnected). Capped at 500 ms, a
	 * returning Redis is reconnected within half a second, and a probe finds it within
	 * {@code turnpike.redis.circuit-breaker.wait-in-open-state} of that.
	 */
	@Bean
	ClientResourcesBuilderCustomizer reconnectWithinHalfASecond() {
		return resources -> resources.reconnectDelay(Delay.exponential(java.time.Duration.ofMillis(10),
				java.time.Duration.ofMillis(500), 2, java.util.concurrent.TimeUnit.MILLISECONDS));
	}

	@Bean
	RedisAvailability redisAvailability(TurnpikeProperties properties, ObjectProvider<MeterRegistry> meters,
			RedisFirstConnection firstConnection) {
		return new RedisAvailability(properties.redis(), meters.getIfAvailable(SimpleMeterRegistry::new),
				firstConnection);
	}

	@Bean
	ApiKeyDirectory apiKeyDirectory(ReactiveStringRedisTemplate redis, RedisAvailability availability,
			TurnpikeProperties properties) {
		return new ApiKeyDirectory(redis, availability, properties.apiKeys().cacheTtl(),
				properties.apiKeys().cacheSize());
	}

	@Bean
	ReplicaRegistry replicaRegistry(ReactiveStringRedisTemplate redis, RedisAvailability availability,
			@Qualifier("turnpikeClock") Clock clock) {
		return new ReplicaRegistry(redis, availability, clock);
	}

	@Bean(destroyMethod = "close")
	UsagePlanRuntime usagePlanRuntime(ApiKeyDirectory directory, ReplicaRegistry replicas,
			ReactiveRedisConnectionFactory connections) {
		return new UsagePlanRuntime(directory, replicas, connections);
	}

	@Bean
	UsageLimiter usageLimiter(ReactiveStringRedisTemplate redis, RedisAvailability availability,
			ReplicaRegistry replicas, @Qualifier("turnpikeClock") Clock clock, TurnpikeProperties properties,
			ObjectProvider<MeterRegistry> meters, UsagePlanRuntime runtime) {
		UsageLimiter limiter = new UsageLimiter(redis, availability, new LocalLimits(replicas::liveReplicas), clock,
				properties.redis().failurePolicy(), meters.getIfAvailable(SimpleMeterRegistry::new));
		runtime.warmUpWith(() -> limiter.warmUp(java.time.Duration.ofSeconds(10)).subscribe());
		return limiter;
	}

	@Bean
	ApiKeyGatewayFilterFactory apiKeyGatewayFilterFactory(TurnpikeProperties properties, ApiKeyDirectory directory,
			UsageLimiter limiter, @Qualifier("turnpikeClock") Clock clock, UsagePlanRuntime runtime,
			RedisAvailability availability) {
		String secret = properties.apiKeys().hashSecret();
		ApiKeyHasher hasher = (secret != null && !secret.isBlank()) ? ApiKeyHasher.fromSecret(secret) : null;
		return new ApiKeyGatewayFilterFactory(hasher, directory, limiter, properties.redis().failurePolicy(), clock,
				runtime, availability);
	}

	@Bean
	RouteFilterContributor apiKeyRoutes(ApiKeyGatewayFilterFactory apiKeys, UsagePlanRuntime runtime) {
		return UsagePlanRoutes.apiKeys(apiKeys, runtime);
	}

	@Bean
	RouteFilterContributor throttleRoutes(ThrottleGatewayFilterFactory throttles, TurnpikeProperties properties,
			UsagePlanRuntime runtime) {
		TurnpikeProperties.Throttling gateway = properties.throttling();
		return UsagePlanRoutes.throttles(throttles,
				gateway.isEnabled() ? new ThrottleSettings(gateway.rateLimit(), gateway.burstLimit()) : null, runtime);
	}

	@Bean
	ThrottleGatewayFilterFactory throttleGatewayFilterFactory(UsageLimiter limiter, UsagePlanRuntime runtime) {
		return new ThrottleGatewayFilterFactory(limiter, runtime);
	}

}
