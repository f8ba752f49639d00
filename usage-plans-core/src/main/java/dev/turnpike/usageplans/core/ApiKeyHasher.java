package dev.turnpike.usageplans.core;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * API key values are stored only as HMAC-SHA-256 under a server-side secret (shared by
 * the gateway, which hashes what clients send, and the usage-plan service, which hashes
 * what it generates or imports). A leaked Redis therefore reveals no usable key, and
 * without the secret hashes cannot be brute-forced offline.
 */
public final class ApiKeyHasher {

	/**
	 * Generated values: this many characters from {@link #ALPHABET}, about 238 bits from
	 * a CSPRNG.
	 */
	public static final int GENERATED_LENGTH = 40;

	/** How many leading characters of a value are kept, for display. */
	public static final int PREFIX_LENGTH = 5;

	static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

	private static final String ALGORITHM = "HmacSHA256";

	private static final SecureRandom RANDOM = new SecureRandom();

	private final SecretKeySpec secret;

	/**
	 * @param secret the server-side secret; at least 32 bytes
	 */
	public ApiKeyHasher(byte[] secret) {
		if (secret == null || secret.length < 32) {
			throw new IllegalArgumentException("the API key hash secret must be at least 32 bytes");
		}
		this.secret = new SecretKeySpec(secret.clone(), ALGORITHM);
	}

	public static ApiKeyHasher fromSecret(String secret) {
		if (secret == null || secret.isBlank()) {
			throw new IllegalArgumentException("an API key hash secret (turnpike.api-keys.hash-secret) is required");
		}
		return new ApiKeyHasher(secret.getBytes(StandardCharsets.UTF_8));
	}

	/** The hash of a key value: base64url, no padding. */
	public String hash(String value) {
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(this.secret);
			byte[] digest = mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException("HMAC-SHA-256 is not available", ex);
		}
	}

	/** Compares two hashes in constant time. */
	public static boolean hashesEqual(String a, String b) {
		if (a == null || b == null) {
			return false;
		}
		return MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
	}

	/** A new random key value. */
	public static String generateValue() {
		return random(GENERATED_LENGTH, ALPHABET);
	}

	/** A new id in AWS's shape: ten lower-case letters and digits. */
	public static String generateId() {
		return random(10, "abcdefghijklmnopqrstuvwxyz0123456789");
	}

	public static String prefix(String value) {
		return value.substring(0, Math.min(PREFIX_LENGTH, value.length()));
	}

	private static String random(int length, String alphabet) {
		char[] chars = new char[length];
		for (int i = 0; i < length; i++) {
			chars[i] = alphabet.charAt(RANDOM.nextInt(alphabet.length()));
		}
		return new String(chars);
	}

}
