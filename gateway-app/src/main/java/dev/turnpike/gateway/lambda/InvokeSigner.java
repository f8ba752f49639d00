package dev.turnpike.gateway.lambda;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Signs invocations to a Lambda-compatible endpoint with AWS Signature Version 4 (service
 * {@code lambda}), as the AWS SDK's Lambda client signs them: the SDK's own
 * {@link AwsV4HttpSigner}, the payload included. The authorizer-service runs nothing for
 * an unsigned caller. {@link #NONE} leaves requests unsigned, for endpoints that do not
 * check (Lambda's runtime interface emulator).
 */
abstract sealed class InvokeSigner permits InvokeSigner.Unsigned, InvokeSigner.SigV4 {

	/** Sends requests as they are. */
	static final InvokeSigner NONE = new Unsigned();

	/** A signer for the key pair, with signatures scoped to {@code region}. */
	static InvokeSigner sigV4(String accessKeyId, String secretAccessKey, String region) {
		return new SigV4(AwsCredentialsIdentity.create(accessKeyId, secretAccessKey), region);
	}

	/**
	 * The headers to send a {@code POST url} with {@code payload}: {@code headers} plus,
	 * when signing, {@code Host}, {@code X-Amz-Date}, {@code X-Amz-Content-Sha256} as the
	 * signer adds them, and {@code Authorization}.
	 */
	abstract Map<String, String> headersFor(String url, Map<String, String> headers, byte[] payload);

	static final class Unsigned extends InvokeSigner {

		@Override
		Map<String, String> headersFor(String url, Map<String, String> headers, byte[] payload) {
			return headers;
		}

		@Override
		public String toString() {
			return "InvokeSigner[unsigned]";
		}

	}

	static final class SigV4 extends InvokeSigner {

		private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

		private final AwsCredentialsIdentity credentials;

		private final String region;

		SigV4(AwsCredentialsIdentity credentials, String region) {
			this.credentials = credentials;
			this.region = region;
		}

		@Override
		Map<String, String> headersFor(String url, Map<String, String> headers, byte[] payload) {
			SdkHttpRequest.Builder request = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(URI.create(url));
			headers.forEach(request::putHeader);
			SdkHttpRequest signed = this.signer
				.sign(sign -> sign.identity(this.credentials)
					.request(request.build())
					.payload(ContentStreamProvider.fromByteArrayUnsafe(payload))
					.putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "lambda")
					.putProperty(AwsV4HttpSigner.REGION_NAME, this.region))
				.request();
			Map<String, String> result = new LinkedHashMap<>();
			signed.forEachHeader((name, values) -> result.put(name, String.join(",", values)));
			return result;
		}

		/** The key id and region, never the secret. */
		@Override
		public String toString() {
			return "InvokeSigner[SigV4 lambda/" + this.region + ", key " + this.credentials.accessKeyId() + "]";
		}

	}

}
