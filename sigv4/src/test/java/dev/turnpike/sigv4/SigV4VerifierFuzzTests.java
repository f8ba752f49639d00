package dev.turnpike.sigv4;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Timeout;

import dev.turnpike.test.hardening.FuzzContract;

/**
 * Fuzzes SigV4 verification ({@link SigV4Verifier#verify}): arbitrary
 * {@code Authorization} headers, credential scopes, {@code X-Amz-Date} values, paths,
 * query strings, headers and bodies, half of them in a well-formed header for a known key
 * at the right time, so the fuzzer gets past the header parser into the canonical
 * request. Every request is accepted (returning the key id) or refused with a
 * {@link SigV4Verifier.VerificationException}, never another exception.
 * ({@link SdkSignedRequestsFuzzTests}: what the AWS SDK signs is accepted.) Uses only the
 * verifier's public API, so it moves with the class.
 */
class SigV4VerifierFuzzTests {

	private static final FuzzContract CONTRACT = FuzzContract.of("sigv4-verifier",
			SigV4Verifier.VerificationException.class);

	private static final String KEY_ID = "AKIDFUZZ";

	private static final Instant NOW = Instant.parse("2026-01-15T12:00:00Z");

	private static final SigV4Verifier VERIFIER = new SigV4Verifier("apigateway",
			key -> KEY_ID.equals(key) ? "fuzz-secret" : null, Duration.ofMinutes(5), Clock.fixed(NOW, ZoneOffset.UTC));

	private static final String[] AMZ_DATES = { "20260115T120000Z", "20260115T120400Z", "20260115T110000Z",
			"20261315T120000Z", "20260115", "" };

	@FuzzTest
	@Timeout(value = 10, unit = TimeUnit.SECONDS)
	void verifyWhenRequestIsArbitraryThenKeyIdOrVerificationException(FuzzedDataProvider data) {
		Map<String, List<String>> headers = new LinkedHashMap<>();
		boolean wellFormed = data.consumeBoolean();
		String amzDate = data.consumeBoolean() ? data.pickValue(AMZ_DATES) : data.consumeString(24);
		headers.put("X-Amz-Date", List.of(amzDate));
		headers.put("Host", List.of(data.consumeBoolean() ? "localhost:8081" : data.consumeString(32)));
		if (data.consumeBoolean()) {
			headers.put(data.consumeString(16), List.of(data.consumeString(32), data.consumeString(32)));
		}
		if (data.consumeBoolean()) {
			headers.put("X-Amz-Content-Sha256",
					List.of(data.consumeBoolean() ? "UNSIGNED-PAYLOAD" : data.consumeString(70)));
		}
		String authorization = wellFormed ? wellFormedAuthorization(data, amzDate) : data.consumeString(300);
		headers.put("Authorization", List.of(authorization));
		String method = data.consumeBoolean() ? "GET" : data.consumeString(8);
		String path = data.consumeString(128);
		String query = data.consumeBoolean() ? null : data.consumeString(128);
		byte[] body = data.consumeRemainingAsBytes();
		SigV4Verifier.SignedRequest request = new SigV4Verifier.SignedRequest(method, path, query, headers, body);
		CONTRACT.call(method + " " + path + "?" + query + " " + headers, () -> VERIFIER.verify(request));
	}

	/**
	 * {@code AWS4-HMAC-SHA256 Credential=<key>/<date>/<region>/<service>/aws4_request, SignedHeaders=..., Signature=...}.
	 */
	private static String wellFormedAuthorization(FuzzedDataProvider data, String amzDate) {
		String key = data.consumeBoolean() ? KEY_ID : data.consumeString(20);
		String date = data.consumeBoolean() ? amzDate.substring(0, Math.min(8, amzDate.length()))
				: data.consumeString(8);
		String region = data.consumeBoolean() ? "us-east-1" : data.consumeString(16);
		String service = data.consumeBoolean() ? "apigateway" : data.consumeString(16);
		String signedHeaders = data.consumeBoolean() ? "host;x-amz-date" : data.consumeString(48);
		StringBuilder signature = new StringBuilder(64);
		for (int i = 0; i < 64; i++) {
			signature.append(Character.forDigit(data.consumeInt(0, 15), 16));
		}
		return "AWS4-HMAC-SHA256 Credential=" + key + "/" + date + "/" + region + "/" + service
				+ "/aws4_request, SignedHeaders=" + signedHeaders + ", Signature=" + signature;
	}

	@AfterAll
	static void writeFigures() {
		CONTRACT.write();
	}

}
