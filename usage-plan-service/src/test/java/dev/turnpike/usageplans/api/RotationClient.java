package dev.turnpike.usageplans.api;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.turnpike.usageplans.support.RunningUsagePlanService;

/**
 * Requests the AWS SDK has no operation for (Turnpike's rotation) or must not fix up
 * (malformed bodies), SigV4-signed.
 */
final class RotationClient {

	private RotationClient() {
	}

	static JsonNode rotate(RunningUsagePlanService service, String keyId, long graceSeconds) throws Exception {
		HttpResponse<String> response = signedPost(service, "/apikeys/" + keyId + "/rotate",
				"{\"gracePeriodSeconds\":" + graceSeconds + "}");
		if (response.statusCode() != 200) {
			throw new AssertionError("rotation failed: " + response.statusCode() + " " + response.body());
		}
		return JsonMapper.builder().build().readTree(response.body());
	}

	static HttpResponse<String> signedPost(RunningUsagePlanService service, String path, String body) throws Exception {
		URI uri = URI.create(service.baseUrl() + path);
		SdkHttpRequest request = SdkHttpRequest.builder()
			.uri(uri)
			.method(SdkHttpMethod.POST)
			.putHeader("Content-Type", "application/json")
			.build();
		SignedRequest signed = AwsV4HttpSigner.create()
			.sign(r -> r
				.identity(AwsCredentialsIdentity.create(RunningUsagePlanService.ACCESS_KEY_ID,
						RunningUsagePlanService.SECRET_ACCESS_KEY))
				.request(request)
				.payload(ContentStreamProvider.fromUtf8String(body))
				.putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "apigateway")
				.putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1"));
		HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
			.timeout(Duration.ofSeconds(10))
			.POST(HttpRequest.BodyPublishers.ofString(body));
		signed.request().headers().forEach((name, values) -> {
			if (!name.equalsIgnoreCase("Host") && !name.equalsIgnoreCase("Content-Length")) {
				values.forEach(value -> builder.header(name, value));
			}
		});
		return HttpClient.newHttpClient().send(builder.build(), HttpResponse.BodyHandlers.ofString());
	}

}
