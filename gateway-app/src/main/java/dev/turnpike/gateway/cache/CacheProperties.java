package dev.turnpike.gateway.cache;

import java.time.Duration;
import java.util.Base64;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code turnpike.cache.*}: the gateway-wide settings of API caching (the stage files say
 * what is cached).
 *
 * @param encryptionKey the key entries with {@code cacheDataEncrypted} are sealed with:
 * base64 of 16, 24 or 32 random bytes, from the deployment's secrets (the chart's
 * {@code cache.encryptionKey}); without it a stage that asks for encryption is refused
 * @param memoryPerGb how many bytes of Redis one GB of {@code cacheClusterSize} may use
 * (0.5 GB is half of it): the stage's bound, beyond which its least recently used entries
 * are evicted
 * @param maxEntrySize the largest answer that is cached (AWS: 1 048 576 bytes); larger
 * ones are served, not cached
 * @param redisTimeout how long a cache read or write may wait on Redis before it is
 * skipped (a miss)
 */
@ConfigurationProperties("turnpike.cache")
public record CacheProperties(String encryptionKey, @DefaultValue("64MB") DataSize memoryPerGb,
		@DefaultValue("1048576B") DataSize maxEntrySize, @DefaultValue("200ms") Duration redisTimeout) {

	public CacheProperties {
		if (encryptionKey != null && !encryptionKey.isBlank()) {
			byte[] key;
			try {
				key = Base64.getDecoder().decode(encryptionKey.trim());
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("turnpike.cache.encryption-key is not base64");
			}
			if (key.length != 16 && key.length != 24 && key.length != 32) {
				throw new IllegalArgumentException(
						"turnpike.cache.encryption-key must be 16, 24 or 32 bytes (base64), not " + key.length);
			}
		}
		if (memoryPerGb.toBytes() < 1024) {
			throw new IllegalArgumentException("turnpike.cache.memory-per-gb must be at least 1KB, not " + memoryPerGb);
		}
		if (maxEntrySize.toBytes() < 1 || maxEntrySize.toBytes() > 64L * 1024 * 1024) {
			throw new IllegalArgumentException(
					"turnpike.cache.max-entry-size must be between 1B and 64MB, not " + maxEntrySize);
		}
		if (redisTimeout.isNegative() || redisTimeout.isZero() || redisTimeout.toSeconds() > 10) {
			throw new IllegalArgumentException(
					"turnpike.cache.redis-timeout must be between 1ms and 10s, not " + redisTimeout);
		}
	}

	byte[] key() {
		return (this.encryptionKey != null && !this.encryptionKey.isBlank())
				? Base64.getDecoder().decode(this.encryptionKey.trim()) : null;
	}

	/** Never shows the key. */
	@Override
	public String toString() {
		return "CacheProperties[encryptionKey=" + ((key() != null) ? "(set)" : "(none)") + ", memoryPerGb="
				+ this.memoryPerGb + ", maxEntrySize=" + this.maxEntrySize + ", redisTimeout=" + this.redisTimeout
				+ "]";
	}

}
