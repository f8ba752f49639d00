package dev.turnpike.gateway.cache;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.data.redis.core.ReactiveRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import dev.turnpike.gateway.RedisFirstConnection;
import dev.turnpike.usageplans.core.ResponseCacheStore;

/**
 * The stage caches in Redis, shared by every replica (layout and scripts in
 * {@link ResponseCacheStore}). Every call is bounded by a timeout; when Redis is slow or
 * gone the cache is skipped (a miss, the backend answers), never an error: the cache is
 * an optimisation, and everything that protects the API ran before it.
 */
final class ResponseCache {

	private static final RedisScript<byte[]> GET = RedisScript.of(ResponseCacheStore.GET, byte[].class);

	private static final RedisScript<Long> PUT = RedisScript.of(ResponseCacheStore.PUT, Long.class);

	private static final RedisScript<Long> FLUSH = RedisScript.of(ResponseCacheStore.FLUSH, Long.class);

	private final ReactiveRedisTemplate<String, byte[]> redis;

	private final EntryCipher cipher;

	private final Duration timeout;

	private final CacheMetrics metrics;

	private RedisFirstConnection firstConnection = new RedisFirstConnection();

	/** Shares the gateway's knowledge of whether Redis was ever reached. */
	ResponseCache placedWith(RedisFirstConnection firstConnection) {
		this.firstConnection = firstConnection;
		return this;
	}

	ResponseCache(ReactiveRedisTemplate<String, byte[]> redis, EntryCipher cipher, Duration timeout,
			CacheMetrics metrics) {
		this.redis = redis;
		this.cipher = cipher;
		this.timeout = timeout;
		this.metrics = metrics;
	}

	boolean canEncrypt() {
		return this.cipher.hasKey();
	}

	/**
	 * The entry, or empty on a miss (absent, expired by {@code nowMillis}, unreadable, or
	 * Redis unavailable).
	 */
	Mono<CachedResponse> get(String apiId, String stage, String entry, boolean encrypted, long nowMillis) {
		String key = ResponseCacheStore.entryPrefix(apiId, stage) + entry;
		return this.firstConnection
			.place(this.redis
				.execute(GET, List.of(key, ResponseCacheStore.lru(apiId, stage), ResponseCacheStore.seq(apiId, stage)),
						List.of(ascii(entry)))
				.next())
			.timeout(this.timeout)
			.onErrorResume(ex -> {
				this.metrics.redisError();
				return Mono.empty();
			})
			.mapNotNull(stored -> (encrypted && stored.length > 0 && stored[0] != 'E') ? null
					: this.cipher.open(stored, key))
			.mapNotNull(CachedResponse::decode)
			.filter(response -> response.expiresAtMillis() > nowMillis);
	}

	/**
	 * Stores an entry (replacing one with the same key) and evicts the stage's least
	 * recently used beyond its bound.
	 */
	Mono<Void> put(String apiId, String stage, String entry, CachedResponse response, boolean encrypt, long ttlMillis,
			long maxBytes) {
		String key = ResponseCacheStore.entryPrefix(apiId, stage) + entry;
		byte[] value = this.cipher.seal(response.encode(), encrypt, key);
		long size = value.length + key.length() + 64L;
		return this.redis
			.execute(PUT,
					List.of(key, ResponseCacheStore.lru(apiId, stage), ResponseCacheStore.sizes(apiId, stage),
							ResponseCacheStore.bytes(apiId, stage), ResponseCacheStore.seq(apiId, stage)),
					List.of(ascii(entry), value, ascii(ttlMillis), ascii(maxBytes), ascii(size)))
			.next()
			.transform(this.firstConnection::place)
			.timeout(this.timeout)
			.doOnNext(this.metrics::evicted)
			.onErrorResume(ex -> {
				this.metrics.redisError();
				return Mono.empty();
			})
			.then();
	}

	/** Removes every entry of a stage; the number removed. */
	Mono<Long> flush(String apiId, String stage) {
		return this.redis
			.execute(FLUSH,
					List.of(ResponseCacheStore.lru(apiId, stage), ResponseCacheStore.sizes(apiId, stage),
							ResponseCacheStore.bytes(apiId, stage), ResponseCacheStore.seq(apiId, stage)),
					List.of(ascii(ResponseCacheStore.entryPrefix(apiId, stage))))
			.next();
	}

	private static byte[] ascii(Object value) {
		return String.valueOf(value).getBytes(StandardCharsets.US_ASCII);
	}

}
