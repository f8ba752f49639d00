package dev.turnpike.usageplans.core;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An API key as stored: never its value, only a keyed hash of it and a short prefix to
 * recognise it by.
 *
 * @param id the key id
 * @param name the name
 * @param description the description
 * @param enabled whether it may be used
 * @param customerId AWS Marketplace customer id (free text here)
 * @param createdDate when it was created
 * @param lastUpdatedDate when it last changed
 * @param valuePrefix the first characters of the value, for display
 * @param valueHash HMAC-SHA-256 of the value (see {@link ApiKeyHasher})
 * @param previousValueHash after a rotation, the old value's hash, valid until
 * {@code previousValueExpiresAt}
 * @param previousValueExpiresAt end of the rotation grace period, or {@code null}
 * @param expiresAt when the key stops working, or {@code null} for never
 * @param stageKeys AWS's {@code stageKeys} ({@code restApiId/stageName}), kept for
 * compatibility
 * @param tags tags
 */
public record ApiKeyRecord(String id, String name, String description, boolean enabled, String customerId,
		Instant createdDate, Instant lastUpdatedDate, String valuePrefix, String valueHash, String previousValueHash,
		Instant previousValueExpiresAt, Instant expiresAt, List<String> stageKeys, Map<String, String> tags) {

	public ApiKeyRecord {
		stageKeys = (stageKeys != null) ? List.copyOf(stageKeys) : List.of();
		tags = (tags != null) ? Map.copyOf(tags) : Map.of();
	}

	/**
	 * Whether a request presenting the value whose hash is {@code hash} may use this key
	 * at {@code now}.
	 */
	public boolean accepts(String hash, Instant now) {
		if (!this.enabled || (this.expiresAt != null && !now.isBefore(this.expiresAt))) {
			return false;
		}
		if (ApiKeyHasher.hashesEqual(hash, this.valueHash)) {
			return true;
		}
		return this.previousValueHash != null && this.previousValueExpiresAt != null
				&& now.isBefore(this.previousValueExpiresAt) && ApiKeyHasher.hashesEqual(hash, this.previousValueHash);
	}

}
