package dev.turnpike.gateway.usageplan;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.data.domain.Range;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import dev.turnpike.usageplans.core.RedisKeys;

/**
 * Counts the live gateway replicas: each writes a heartbeat into one sorted set every two
 * seconds and counts the members seen in the last ten. The last count read while Redis
 * was up is what the {@code local} failure policy divides limits by.
 */
final class ReplicaRegistry implements AutoCloseable {

	static final Duration HEARTBEAT = Duration.ofSeconds(2);

	static final Duration STALE_AFTER = Duration.ofSeconds(10);

	private final String id = UUID.randomUUID().toString();

	private final ReactiveStringRedisTemplate redis;

	private final RedisAvailability availability;

	private final Clock clock;

	private volatile int liveReplicas = 1;

	private Disposable heartbeat;

	ReplicaRegistry(ReactiveStringRedisTemplate redis, RedisAvailability availability, Clock clock) {
		this.redis = redis;
		this.availability = availability;
		this.clock = clock;
	}

	void start() {
		this.heartbeat = Flux.interval(Duration.ZERO, HEARTBEAT)
			.concatMap(tick -> beat().onErrorResume(error -> Mono.empty()))
			.subscribe();
	}

	Mono<Void> beat() {
		long now = this.clock.millis();
		String key = RedisKeys.gatewayReplicas();
		return this.availability
			.call(this.redis.opsForZSet()
				.add(key, this.id, now)
				.then(this.redis.opsForZSet()
					.removeRangeByScore(key, Range.closed(0.0, (double) (now - STALE_AFTER.toMillis()))))
				.then(this.redis.opsForZSet().size(key)))
			.doOnNext(count -> this.liveReplicas = (int) Math.max(1, count))
			.then();
	}

	int liveReplicas() {
		return this.liveReplicas;
	}

	@Override
	public void close() {
		if (this.heartbeat != null) {
			this.heartbeat.dispose();
		}
		this.redis.opsForZSet()
			.remove(RedisKeys.gatewayReplicas(), this.id)
			.onErrorResume(e -> Mono.empty())
			.block(Duration.ofMillis(500));
	}

}
