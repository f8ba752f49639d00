package dev.turnpike.sigv4;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

import dev.turnpike.test.hardening.FuzzContract;

/**
 * Fuzzes SigV4 verification against the AWS SDK's own signer ({@link AwsV4HttpSigner}): a
 * request with a fuzzed method, path, query and body, signed by the SDK, must be accepted
 * by {@link SigV4Verifier#verify}, so the verifier's canonical request agrees with the
 * SDK's for any input. Dot segments and empty segments are left out of paths: the SDK
 * normalises the path ({@code URI.normalize()}, which also reads a leading {@code //} as
 * an authority), while the verifier signs the raw path as received; the management API
 * has no such paths. Query parameters have names: the SDK leaves a nameless one
 * ({@code ?=}) out of what it signs.
 */
class SdkSignedRequestsFuzzTests {

	private static final FuzzContract CONTRACT = FuzzContract.of("sigv4-sdk-signed");

	private static final String KEY_ID = "AKIDFUZZ";

	private static final String SECRET = "fuzz-secret";

	private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-15T12:00:00Z"), ZoneOffset.UTC);

	private static final SigV4Verifier VERIFIER = new SigV4Verifier("apigateway",
			key -> KEY_ID.equals(key) ? SECRET : null, Duration.ofMinutes(5), CLOCK);

	private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();

	@FuzzTest
	@Timeout(value = 10, unit = TimeUnit.SECONDS)
	void verifyWhenTheAwsSdkSignedTheRequestThenItIsAccepted(FuzzedDataProvider data) {
		StringBuilder path = new StringBuilder();
		for (int i = data.consumeInt(0, 4); i > 0; i--) {
			String segment = data.consumeString(24);
			path.append('/')
				.append((segment.isEmpty() || segment.equals(".") || segment.equals("..")) ? "x"
						: SdkHttpUtils.urlEncode(segment));
		}
		SdkHttpRequest.Builder request = SdkHttpRequest.builder()
			.method(data.pickValue(SdkHttpMethod.values()))
			.protocol("http")
			.host("localhost")
			.port(8081)
			.encodedPath(path.isEmpty() ? "/" : path.toString());
		for (int i = data.consumeInt(0, 4); i > 0; i--) {
			String name = data.consumeString(16);
			request.appendRawQueryParameter(name.isEmpty() ? "x" : name, data.consumeString(32));
		}
		byte[] body = data.consumeRemainingAsBytes();
		SdkHttpRequest signed = SIGNER
			.sign(r -> r.identity(AwsCredentialsIdentity.create(KEY_ID, SECRET))
				.request(request.build())
				.payload(ContentStreamProvider.fromByteArray(body))
				.putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "apigateway")
				.putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
				.putProperty(AwsV4HttpSigner.SIGNING_CLOCK, CLOCK))
			.request();
		SigV4Verifier.SignedRequest received = new SigV4Verifier.SignedRequest(signed.method().name(),
				signed.encodedPath(), signed.getUri().getRawQuery(), signed.headers(), body);
		String input = "SDK-signed " + signed.method() + " " + signed.getUri() + " " + signed.headers();
		String keyId = CONTRACT.call(input, () -> VERIFIER.verify(received));
		CONTRACT.require(input, KEY_ID.equals(keyId), "a request the AWS SDK signed is accepted");
	}

	@AfterAll
	static void writeFigures() {
		CONTRACT.write();
	}

}
