package dev.turnpike.authorizer.invoke;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;

import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Invoke requests for the JDK's HTTP client, signed by the AWS SDK's SigV4 signer the way
 * the SDK's Lambda client signs them, with whatever key, region and clock a test wants,
 * so tests can also send what the SDK never would.
 */
final class SignedInvokeRequests {

	/**
	 * Headers the JDK client sets itself (it refuses them); their values are the ones
	 * that were signed.
	 */
	private static final Set<String> SET_BY_CLIENT = Set.of("host", "content-length");

	private final String accessKeyId;

	private final String secret;

	private String region = "us-east-1";

	private Clock clock = Clock.systemUTC();

	SignedInvokeRequests(String accessKeyId, String secret) {
		this.accessKeyId = accessKeyId;
		this.secret = secret;
	}

	SignedInvokeRequests region(String region) {
		this.region = region;
		return this;
	}

	SignedInvokeRequests clock(Clock clock) {
		this.clock = clock;
		return this;
	}

	/**
	 * A signed {@code POST uri} with {@code payload}, sent as {@code sentPayload} (the
	 * same unless a test tampers).
	 */
	HttpRequest post(String uri, String payload, String sentPayload) {
		SdkHttpRequest unsigned = SdkHttpRequest.builder()
			.method(SdkHttpMethod.POST)
			.uri(URI.create(uri))
			.putHeader("Content-Type", "application/json")
			.build();
		SdkHttpRequest signed = AwsV4HttpSigner.create()
			.sign(sign -> sign.identity(AwsCredentialsIdentity.create(this.accessKeyId, this.secret))
				.request(unsigned)
				.payload(ContentStreamProvider.fromUtf8String(payload))
				.putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "lambda")
				.putProperty(AwsV4HttpSigner.REGION_NAME, this.region)
				.putProperty(HttpSigner.SIGNING_CLOCK, this.clock))
			.request();
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri))
			.timeout(Duration.ofSeconds(10))
			.POST(HttpRequest.BodyPublishers.ofString(sentPayload, StandardCharsets.UTF_8));
		signed.forEachHeader((name, values) -> {
			if (!SET_BY_CLIENT.contains(name.toLowerCase(java.util.Locale.ROOT))) {
				values.forEach(value -> request.header(name, value));
			}
		});
		return request.build();
	}

	HttpRequest post(String uri, String payload) {
		return post(uri, payload, payload);
	}

}
