package dev.turnpike.gateway.cache;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code cacheDataEncrypted}: entries sealed with AES-GCM (authenticated encryption)
 * under the deployment's key ({@code turnpike.cache.encryption-key}). Each entry has its
 * own random nonce and is bound to its Redis key, so an entry copied to another key does
 * not decrypt. Stored as {@code 'E' nonce ciphertext}; unencrypted entries as
 * {@code 'P' record}.
 */
final class EntryCipher {

	private static final byte ENCRYPTED = 'E';

	private static final byte PLAIN = 'P';

	private static final int NONCE_BYTES = 12;

	private static final int TAG_BITS = 128;

	private static final SecureRandom RANDOM = new SecureRandom();

	private final SecretKeySpec key;

	/**
	 * @param key 16, 24 or 32 bytes, or {@code null} when no key is configured
	 */
	EntryCipher(byte[] key) {
		this.key = (key != null) ? new SecretKeySpec(key, "AES") : null;
	}

	boolean hasKey() {
		return this.key != null;
	}

	byte[] seal(byte[] record, boolean encrypt, String redisKey) {
		if (!encrypt) {
			return prefixed(PLAIN, record);
		}
		try {
			byte[] nonce = new byte[NONCE_BYTES];
			RANDOM.nextBytes(nonce);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, this.key, new GCMParameterSpec(TAG_BITS, nonce));
			cipher.updateAAD(redisKey.getBytes(StandardCharsets.UTF_8));
			byte[] sealed = cipher.doFinal(record);
			byte[] out = new byte[1 + NONCE_BYTES + sealed.length];
			out[0] = ENCRYPTED;
			System.arraycopy(nonce, 0, out, 1, NONCE_BYTES);
			System.arraycopy(sealed, 0, out, 1 + NONCE_BYTES, sealed.length);
			return out;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("cannot encrypt a cache entry", ex);
		}
	}

	/**
	 * @return the record, or {@code null} when it cannot be opened (tampered, another
	 * key, or no key)
	 */
	byte[] open(byte[] stored, String redisKey) {
		if (stored == null || stored.length == 0) {
			return null;
		}
		if (stored[0] == PLAIN) {
			return Arrays.copyOfRange(stored, 1, stored.length);
		}
		if (stored[0] != ENCRYPTED || this.key == null || stored.length < 1 + NONCE_BYTES + TAG_BITS / 8) {
			return null;
		}
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, this.key,
					new GCMParameterSpec(TAG_BITS, Arrays.copyOfRange(stored, 1, 1 + NONCE_BYTES)));
			cipher.updateAAD(redisKey.getBytes(StandardCharsets.UTF_8));
			return cipher.doFinal(stored, 1 + NONCE_BYTES, stored.length - 1 - NONCE_BYTES);
		}
		catch (GeneralSecurityException ex) {
			return null;
		}
	}

	private static byte[] prefixed(byte prefix, byte[] record) {
		byte[] out = new byte[record.length + 1];
		out[0] = prefix;
		System.arraycopy(record, 0, out, 1, record.length);
		return out;
	}

}
