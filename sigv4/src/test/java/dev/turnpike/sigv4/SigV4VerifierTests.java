package dev.turnpike.sigv4;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The verifier against requests signed by the AWS SDK's own SigV4 signer
 * ({@code AwsV4HttpSigner}): what the SDK signs verifies, and every change an attacker or
 * a misconfigured client could make is refused with the error type AWS answers with.
 */
class SigV4VerifierTests {

	private static final String KEY_ID = "AKIDTURNPIKETEST";

	private static final String SECRET = "turnpike-test-secret-0123456789abcdef";

	private static final Instant NOW = Instant.parse("2026-11-23T13:00:00Z");

	private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

	private static final String INVOKE = "http://authorizers:8082/2015-03-31/functions/echo/invocations";

	private final SigV4Verifier verifier = new SigV4Verifier("lambda", "us-east-1",
			id -> KEY_ID.equals(id) ? SECRET : null, Duration.ofMinutes(5), CLOCK)
		.requiringSignedPayload();

	/** A request as the SDK signs it, turned into the parts the verifier reads. */
	private static SigV4Verifier.SignedRequest sign(String uri, String body, SignOptions options) {
		SdkHttpRequest request = SdkHttpRequest.builder()
			.method(SdkHttpMethod.POST)
			.uri(URI.create(uri))
			.putHeader("Content-Type", "application/json")
			.build();
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		SdkHttpRequest signed = AwsV4HttpSigner.create()
			.sign(sign -> sign.identity(AwsCredentialsIdentity.create(KEY_ID, options.secret))
				.request(request)
				.payload(ContentStreamProvider.fromByteArray(bytes))
				.putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, options.service)
				.putProperty(AwsV4HttpSigner.REGION_NAME, options.region)
				.putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, options.payloadSigned)
				.putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(options.at, ZoneOffset.UTC)))
			.request();
		Map<String, List<String>> headers = new LinkedHashMap<>(signed.headers());
		return new SigV4Verifier.SignedRequest("POST", signed.encodedPath(),
				signed.encodedQueryParameters().orElse(null), headers, bytes);
	}

	private static SigV4Verifier.SignedRequest sign(String body) {
		return sign(INVOKE, body, new SignOptions());
	}

	private static final class SignOptions {

		String secret = SECRET;

		String service = "lambda";

		String region = "us-east-1";

		boolean payloadSigned = true;

		Instant at = NOW;

	}

	private static SigV4Verifier.SignedRequest withBody(SigV4Verifier.SignedRequest request, String body) {
		return new SigV4Verifier.SignedRequest(request.method(), request.rawPath(), request.rawQuery(),
				request.headers(), body.getBytes(StandardCharsets.UTF_8));
	}

	private static SigV4Verifier.SignedRequest withHeader(SigV4Verifier.SignedRequest request, String name,
			String value) {
		Map<String, List<String>> headers = new LinkedHashMap<>();
		request.headers().forEach((key, values) -> {
			if (!key.equalsIgnoreCase(name)) {
				headers.put(key, values);
			}
		});
		if (value != null) {
			headers.put(name, List.of(value));
		}
		return new SigV4Verifier.SignedRequest(request.method(), request.rawPath(), request.rawQuery(), headers,
				request.body());
	}

	private void assertRefused(SigV4Verifier.SignedRequest request, String errorType, String message) {
		assertThatExceptionOfType(SigV4Verifier.VerificationException.class)
			.isThrownBy(() -> this.verifier.verify(request))
			.satisfies(ex -> {
				assertThat(ex.errorType()).isEqualTo(errorType);
				assertThat(ex.getMessage()).contains(message).doesNotContain(SECRET);
			});
	}

	@Test
	void verifyWhenSignedByTheSdkThenReturnsTheAccessKeyId() {
		assertThat(this.verifier.verify(sign("{\"type\":\"TOKEN\"}"))).isEqualTo(KEY_ID);
	}

	@Test
	void verifyWhenArnPathAndQualifierQueryThenCanonicalRequestMatchesTheSdk() {
		String uri = "http://authorizers:8082/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Afunction%3Aecho/invocations?Qualifier=%24LATEST";
		assertThat(this.verifier.verify(sign(uri, "{}", new SignOptions()))).isEqualTo(KEY_ID);
	}

	@Test
	void verifyWhenNoAuthorizationHeaderThenMissingAuthenticationToken() {
		assertRefused(withHeader(sign("{}"), "Authorization", null), "MissingAuthenticationTokenException",
				"Missing Authentication Token");
	}

	@Test
	void verifyWhenAccessKeyUnknownThenUnrecognizedClient() {
		SigV4Verifier stranger = new SigV4Verifier("lambda", "us-east-1", id -> null, Duration.ofMinutes(5), CLOCK);
		assertThatExceptionOfType(SigV4Verifier.VerificationException.class)
			.isThrownBy(() -> stranger.verify(sign("{}")))
			.satisfies(ex -> assertThat(ex.errorType()).isEqualTo("UnrecognizedClientException"));
	}

	@Test
	void verifyWhenSignedWithAnotherSecretThenInvalidSignature() {
		SignOptions options = new SignOptions();
		options.secret = "not-the-secret-0123456789abcdef0123";
		assertRefused(sign(INVOKE, "{}", options), "InvalidSignatureException",
				"signature we calculated does not match");
	}

	@Test
	void verifyWhenBodyChangedAfterSigningThenInvalidSignature() {
		SigV4Verifier.SignedRequest signed = sign("{\"authorizationToken\":\"guest\"}");
		assertRefused(withBody(signed, "{\"authorizationToken\":\"admin\"}"), "InvalidSignatureException", "");
	}

	@Test
	void verifyWhenPathChangedAfterSigningThenInvalidSignature() {
		SigV4Verifier.SignedRequest signed = sign("{}");
		SigV4Verifier.SignedRequest other = new SigV4Verifier.SignedRequest("POST",
				"/2015-03-31/functions/admin/invocations", null, signed.headers(), signed.body());
		assertRefused(other, "InvalidSignatureException", "signature we calculated does not match");
	}

	@Test
	void verifyWhenSignedLongerAgoThanTheSkewThenExpired() {
		SignOptions options = new SignOptions();
		options.at = NOW.minus(Duration.ofMinutes(6));
		assertRefused(sign(INVOKE, "{}", options), "InvalidSignatureException", "Signature expired");
		options.at = NOW.plus(Duration.ofMinutes(6));
		assertRefused(sign(INVOKE, "{}", options), "InvalidSignatureException", "Signature expired");
		options.at = NOW.minus(Duration.ofMinutes(4));
		assertThat(this.verifier.verify(sign(INVOKE, "{}", options))).isEqualTo(KEY_ID);
	}

	@Test
	void verifyWhenScopedToAnotherServiceOrRegionThenInvalidSignature() {
		SignOptions service = new SignOptions();
		service.service = "apigateway";
		assertRefused(sign(INVOKE, "{}", service), "InvalidSignatureException", "correct service: 'lambda'");
		SignOptions region = new SignOptions();
		region.region = "eu-west-1";
		assertRefused(sign(INVOKE, "{}", region), "InvalidSignatureException", "valid region");
	}

	@Test
	void verifyWhenHostIsNotASignedHeaderThenInvalidSignature() {
		SigV4Verifier.SignedRequest signed = sign("{}");
		String authorization = signed.header("Authorization").replaceAll("(SignedHeaders=[^,]*?)host;", "$1");
		assertThat(authorization).doesNotContain("host");
		assertRefused(withHeader(signed, "Authorization", authorization), "InvalidSignatureException",
				"'Host' must be a 'SignedHeader'");
	}

	@Test
	void verifyWhenPayloadUnsignedAndASignedPayloadIsRequiredThenRefused() {
		SignOptions options = new SignOptions();
		options.payloadSigned = false;
		SigV4Verifier.SignedRequest unsigned = sign(INVOKE.replace("http:", "https:"), "{}", options);
		assertThat(unsigned.header("X-Amz-Content-Sha256")).isEqualTo("UNSIGNED-PAYLOAD");
		assertRefused(unsigned, "InvalidSignatureException", "payload must be signed");
		SigV4Verifier lenient = new SigV4Verifier("lambda", "us-east-1", id -> SECRET, Duration.ofMinutes(5), CLOCK);
		assertThat(lenient.verify(unsigned)).isEqualTo(KEY_ID);
	}

	@Test
	void verifyWhenDeclaredContentHashDoesNotMatchTheBodyThenInvalidSignature() {
		SigV4Verifier.SignedRequest signed = withHeader(sign("{}"), "X-Amz-Content-Sha256",
				"0000000000000000000000000000000000000000000000000000000000000000");
		assertRefused(signed, "InvalidSignatureException", "'x-amz-content-sha256' header does not match");
	}

}
