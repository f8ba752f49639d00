package dev.turnpike.authorizer.invoke;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LambdaException;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The Invoke API runs a function only for a caller that signed the invocation with AWS
 * Signature Version 4 by the configured key pair, as AWS Lambda does: anything else is a
 * 403 in Lambda's error shape, and the function does not run. Requests are signed by the
 * AWS SDK's own signer (the Lambda client, or its {@code AwsV4HttpSigner} for requests
 * the client would never send).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "turnpike.functions.handlers.counting=dev.turnpike.authorizer.invoke.TestHandlers$Counting",
				"turnpike.functions.access-key-id=" + InvokeSignatureTests.KEY_ID,
				"turnpike.functions.secret-access-key=" + InvokeSignatureTests.SECRET,
				"turnpike.functions.region=eu-west-1" })
class InvokeSignatureTests {

	static final String KEY_ID = "AKIDGATEWAYTEST";

	static final String SECRET = "gateway-invoke-secret-0123456789abcdef";

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@LocalServerPort
	int port;

	int runsBefore;

	@BeforeEach
	void countRuns() {
		this.runsBefore = TestHandlers.Counting.RUNS.get();
	}

	private String invokeUrl() {
		return "http://127.0.0.1:" + this.port + "/2015-03-31/functions/counting/invocations";
	}

	private HttpResponse<String> send(HttpRequest request) throws Exception {
		return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private SignedInvokeRequests signedBy(String keyId, String secret) {
		return new SignedInvokeRequests(keyId, secret).region("eu-west-1");
	}

	private void assertRefusedWithoutRunning(HttpResponse<String> response, String errorType, String message) {
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue(errorType);
		assertThat(response.headers().firstValue("x-amzn-RequestId")).isPresent();
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
		assertThat(response.body()).startsWith("{\"message\":\"").contains(message).doesNotContain(SECRET);
		assertThat(TestHandlers.Counting.RUNS.get()).as("the function did not run").isEqualTo(this.runsBefore);
	}

	@Test
	void invokeWhenSignedByTheSdkLambdaClientThenTheFunctionRuns() {
		try (LambdaClient lambda = LambdaClient.builder()
			.endpointOverride(URI.create("http://127.0.0.1:" + this.port))
			.region(Region.EU_WEST_1)
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY_ID, SECRET)))
			.httpClient(ApacheHttpClient.create())
			.build()) {
			InvokeResponse response = lambda.invoke(request -> request.functionName("counting")
				.payload(SdkBytes.fromUtf8String("{\"type\":\"TOKEN\"}")));

			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.payload().asUtf8String()).isEqualTo("\"run " + (this.runsBefore + 1) + "\"");
		}
	}

	@Test
	void invokeWhenSignedWithTheSignerThenTheFunctionRuns() throws Exception {
		HttpResponse<String> response = send(signedBy(KEY_ID, SECRET).post(invokeUrl(), "{}"));

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(TestHandlers.Counting.RUNS.get()).isEqualTo(this.runsBefore + 1);
	}

	@Test
	void invokeWhenUnsignedThenMissingAuthenticationTokenAndNothingRuns() throws Exception {
		HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(invokeUrl()))
			.timeout(Duration.ofSeconds(10))
			.POST(HttpRequest.BodyPublishers.ofString("{}", StandardCharsets.UTF_8))
			.build());

		assertRefusedWithoutRunning(response, "MissingAuthenticationTokenException", "Missing Authentication Token");
	}

	@Test
	void invokeWhenUnsignedForAnUnknownFunctionThenStill403NotFunctionNotFound() throws Exception {
		HttpResponse<String> response = send(
				HttpRequest.newBuilder(URI.create(invokeUrl().replace("counting", "nobody")))
					.timeout(Duration.ofSeconds(10))
					.POST(HttpRequest.BodyPublishers.ofString("{}", StandardCharsets.UTF_8))
					.build());

		assertRefusedWithoutRunning(response, "MissingAuthenticationTokenException", "Missing Authentication Token");
	}

	@Test
	void invokeWhenSignedWithAWrongSecretThenInvalidSignatureAndNothingRuns() throws Exception {
		HttpResponse<String> response = send(
				signedBy(KEY_ID, "another-secret-0123456789abcdef").post(invokeUrl(), "{}"));

		assertRefusedWithoutRunning(response, "InvalidSignatureException", "signature we calculated does not match");
	}

	@Test
	void invokeWhenSignedByAnUnknownAccessKeyThenUnrecognizedClientAndNothingRuns() throws Exception {
		HttpResponse<String> response = send(signedBy("AKIDSTRANGER", SECRET).post(invokeUrl(), "{}"));

		assertRefusedWithoutRunning(response, "UnrecognizedClientException",
				"security token included in the request is invalid");
	}

	@Test
	void invokeWhenXAmzDateIsStaleThenSignatureExpiredAndNothingRuns() throws Exception {
		Clock sixMinutesAgo = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-6));
		HttpResponse<String> response = send(signedBy(KEY_ID, SECRET).clock(sixMinutesAgo).post(invokeUrl(), "{}"));

		assertRefusedWithoutRunning(response, "InvalidSignatureException", "Signature expired");
	}

	@Test
	void invokeWhenBodyWasChangedAfterSigningThenInvalidSignatureAndNothingRuns() throws Exception {
		HttpResponse<String> response = send(signedBy(KEY_ID, SECRET).post(invokeUrl(),
				"{\"authorizationToken\":\"guest\"}", "{\"authorizationToken\":\"admin\"}"));

		assertRefusedWithoutRunning(response, "InvalidSignatureException", "");
	}

	@Test
	void invokeWhenSignedForAnotherRegionThenInvalidSignatureAndNothingRuns() throws Exception {
		HttpResponse<String> response = send(signedBy(KEY_ID, SECRET).region("us-east-1").post(invokeUrl(), "{}"));

		assertRefusedWithoutRunning(response, "InvalidSignatureException", "valid region");
	}

	@Test
	void invokeWhenTheSdkSignsWithAWrongSecretThenItSeesA403LambdaException() {
		try (LambdaClient lambda = LambdaClient.builder()
			.endpointOverride(URI.create("http://127.0.0.1:" + this.port))
			.region(Region.EU_WEST_1)
			.credentialsProvider(
					StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY_ID, "wrong-secret-0123456789")))
			.httpClient(ApacheHttpClient.create())
			.overrideConfiguration(config -> config.retryStrategy(retry -> retry.maxAttempts(1)))
			.build()) {
			assertThatExceptionOfType(LambdaException.class)
				.isThrownBy(() -> lambda
					.invoke(request -> request.functionName("counting").payload(SdkBytes.fromUtf8String("{}"))))
				.satisfies(ex -> {
					assertThat(ex.statusCode()).isEqualTo(403);
					assertThat(ex.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException");
				});
		}
		assertThat(TestHandlers.Counting.RUNS.get()).isEqualTo(this.runsBefore);
	}

	@Test
	void healthWhenUnsignedThenStillOpen() throws Exception {
		HttpResponse<String> response = send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/actuator/health/readiness"))
					.timeout(Duration.ofSeconds(10))
					.build());

		assertThat(response.statusCode()).isEqualTo(200);
	}

}
