package dev.turnpike.gateway.context;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Request ids in AWS's shapes: {@code x-amzn-RequestId} is a version 4 UUID,
 * {@code x-amz-apigw-id} (the extended request id) a 16-character base64-like token. They
 * identify requests in logs and are not secrets, so they come from
 * {@link ThreadLocalRandom} rather than the contended {@code SecureRandom} behind
 * {@link UUID#randomUUID()}.
 */
public final class RequestIds {

	private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
		.toCharArray();

	private RequestIds() {
	}

	public static String requestId() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		long most = (random.nextLong() & 0xFFFFFFFFFFFF0FFFL) | 0x0000000000004000L;
		long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
		return new UUID(most, least).toString();
	}

	public static String extendedRequestId() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		char[] id = new char[16];
		long bits = random.nextLong();
		for (int i = 0; i < 10; i++) {
			id[i] = ALPHABET[(int) (bits & 63)];
			bits >>>= 6;
		}
		bits = random.nextLong();
		for (int i = 10; i < 16; i++) {
			id[i] = ALPHABET[(int) (bits & 63)];
			bits >>>= 6;
		}
		return new String(id);
	}

}
