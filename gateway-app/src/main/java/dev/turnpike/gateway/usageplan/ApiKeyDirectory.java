package dev.turnpike.gateway.usageplan;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.ReactiveRedisMessageListenerContainer;

import dev.turnpike.usageplans.core.ChangeEvent;
import dev.turnpike.usageplans.core.RecordCodec;
import dev.turnpike.usageplans.core.RedisKeys;
import dev.turnpike.usageplans.core.UsagePlanRecord;

/**
 * API keys (by value hash) and usage plans, read from Redis and cached in memory so the
 * request path normally makes no lookup at all. The usage-plan service announces every
 * change on a Redis channel; each replica drops what changed, so a disabled key or a
 * changed plan applies everywhere within about a second. The cache TTL bounds staleness
 * if an announcement is lost, and everything is dropped when Redis comes back from an
 * outage.
 */
public final class ApiKeyDirectory implements AutoCloseable {

	private static final Log LOG = LogFactory.getLog(ApiKeyDirectory.class);

	private final ReactiveStringRedisTemplate redis;

	private final RedisAvailability availability;

	private final AsyncCache<String, KeyGrant> grants;

	private final AsyncCache<String, Optional<UsagePlanRecord>> plans;

	private Disposable subscription;

	public ApiKeyDirectory(ReactiveStringRedisTemplate redis, RedisAvailability availability, Duration ttl,
			long maxKeys) {
		this.redis = redis;
		this.availability = availability;
		this.grants = Caffeine.newBuilder().maximumSize(maxKeys).expireAfterWrite(ttl).buildAsync();
		this.plans = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(ttl).buildAsync();
		availability.onRecovery(this::invalidateAll);
	}

	/** Starts listening for change announcements (re-subscribing after errors). */
	public void listen(Supplier<ReactiveRedisMessageListenerContainer> container) {
		this.subscription = Flux.defer(() -> container.get().receive(ChannelTopic.of(RedisKeys.EVENTS_CHANNEL)))
			.subscribeOn(Schedulers.boundedElastic())
			.doOnSubscribe(s -> invalidateAll())
			.retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(200)).maxBackoff(Duration.ofSeconds(5)))
			.subscribe(message -> apply(ChangeEvent.parse(message.getMessage())),
					error -> LOG.warn("Stopped listening for key and plan changes", error));
	}

	void apply(ChangeEvent event) {
		switch (event.kind()) {
			case KEY -> this.grants.synchronous()
				.asMap()
				.entrySet()
				.removeIf(entry -> !entry.getValue().isKnown() || event.id().equals(entry.getValue().key().id()));
			case PLAN -> this.plans.synchronous().invalidate(event.id());
			default -> invalidateAll();
		}
	}

	void invalidateAll() {
		this.grants.synchronous().invalidateAll();
		this.plans.synchronous().invalidateAll();
	}

	/**
	 * The grant for a value hash; errors when it is not cached and Redis cannot be asked.
	 */
	public Mono<KeyGrant> grant(String valueHash) {
		return Mono.fromFuture(() -> this.grants.get(valueHash, (hash, executor) -> loadGrant(hash).toFuture()), true);
	}

	/** The cached grant for a value hash, if any (for deciding while Redis is down). */
	public KeyGrant cachedGrant(String valueHash) {
		var future = this.grants.getIfPresent(valueHash);
		return (future != null && future.isDone() && !future.isCompletedExceptionally()) ? future.join() : null;
	}

	public Mono<Optional<UsagePlanRecord>> plan(String planId) {
		return Mono.fromFuture(() -> this.plans.get(planId, (id, executor) -> loadPlan(id).toFuture()), true);
	}

	/** The plans of a grant that are known, in the grant's order. */
	public Mono<List<UsagePlanRecord>> plans(KeyGrant grant) {
		return Flux.fromIterable(grant.planIds())
			.concatMap(this::plan)
			.filter(Optional::isPresent)
			.map(Optional::get)
			.collectList();
	}

	private Mono<KeyGrant> loadGrant(String hash) {
		return this.availability.lookup(this.redis.opsForValue()
			.get(RedisKeys.apiKeyByHash(hash))
			.flatMap(keyId -> Mono.zip(this.redis.opsForValue().get(RedisKeys.apiKey(keyId)),
					this.redis.opsForSet().members(RedisKeys.apiKeyPlans(keyId)).collectList().map(ids -> {
						List<String> sorted = new ArrayList<>(ids);
						sorted.sort(null);
						return sorted;
					}))
				.map(tuple -> new KeyGrant(RecordCodec.readApiKey(tuple.getT1()), List.copyOf(tuple.getT2()))))
			.defaultIfEmpty(KeyGrant.UNKNOWN));
	}

	private Mono<Optional<UsagePlanRecord>> loadPlan(String id) {
		return this.availability.lookup(this.redis.opsForValue()
			.get(RedisKeys.usagePlan(id))
			.map(json -> Optional.of(RecordCodec.readUsagePlan(json)))
			.defaultIfEmpty(Optional.empty()));
	}

	@Override
	public void close() {
		if (this.subscription != null) {
			this.subscription.dispose();
		}
	}

}
