package dev.turnpike.gateway.lambda;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.netty.http.client.HttpClient;

import dev.turnpike.sigv4.SigV4Verifier;
import dev.turnpike.test.lambda.TestLambdaServer;
import dev.turnpike.test.lambda.TestLambdaServer.Reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Invocations of a Lambda-compatible endpoint carry an AWS Signature Version 4 made with
 * the gateway's key pair, and the verifier authorizer-service uses accepts it (and
 * refuses it for another secret); without a key pair they go unsigned, as before. The
 * endpoint is a real HTTP server that records what arrived.
 */
class SignedInvocationTests {

	private static final String KEY_ID = "AKIDGATEWAY";

	private static final String SECRET = "gateway-invoke-secret-0123456789abcdef";

	static TestLambdaServer lambda;

	@BeforeAll
	static void start() {
		lambda = TestLambdaServer.start().function("authorize", event -> Reply.json("{\"principalId\":\"alice\"}"));
	}

	@AfterAll
	static void stop() {
		lambda.close();
	}

	@BeforeEach
	void reset() {
		lambda.reset();
	}

	private static HttpLambdaInvoker invoker(InvokeSigner signer) {
		return new HttpLambdaInvoker(HttpClient.create(), null, signer);
	}

	private static void invoke(HttpLambdaInvoker invoker, FunctionRef function, String payload) {
		LambdaResult result = invoker
			.invoke(lambda.endpoint(), function, payload.getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(5))
			.block(Duration.ofSeconds(10));
		assertThat(new String(result.payload(), StandardCharsets.UTF_8)).contains("alice");
	}

	/** What arrived at the endpoint, as the authorizer-service's verifier reads it. */
	private static SigV4Verifier.SignedRequest received(String function, String query) {
		Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		lambda.lastHeaders(function).forEach((name, value) -> headers.put(name, List.of(value)));
		return new SigV4Verifier.SignedRequest("POST", "/2015-03-31/functions/" + function + "/invocations", query,
				headers, lambda.lastEvent(function).getBytes(StandardCharsets.UTF_8));
	}

	private static SigV4Verifier verifier(String secret, String region) {
		return new SigV4Verifier("lambda", region, id -> KEY_ID.equals(id) ? secret : null, Duration.ofMinutes(5),
				Clock.systemUTC())
			.requiringSignedPayload();
	}

	@Test
	void invokeWhenAKeyPairIsConfiguredThenTheEndpointGetsASignatureItsVerifierAccepts() {
		invoke(invoker(InvokeSigner.sigV4(KEY_ID, SECRET, "eu-central-1")),
				new FunctionRef("arn:aws:lambda:eu-central-1:123456789012:function:authorize", "authorize", "$LATEST"),
				"{\"type\":\"TOKEN\",\"authorizationToken\":\"Bearer x\"}");

		SigV4Verifier.SignedRequest received = received("authorize", "Qualifier=$LATEST");
		assertThat(lambda.lastHeaders("authorize").get("Authorization"))
			.startsWith("AWS4-HMAC-SHA256 Credential=" + KEY_ID + "/")
			.contains("/eu-central-1/lambda/aws4_request", "SignedHeaders=")
			.doesNotContain(SECRET);
		assertThat(verifier(SECRET, "eu-central-1").verify(received)).isEqualTo(KEY_ID);
		assertThat(lambda.lastHeaders("authorize").get("X-Amz-Invocation-Type")).isEqualTo("RequestResponse");
	}

	@Test
	void invokeWhenSignedThenAnotherSecretOrRegionDoesNotVerify() {
		invoke(invoker(InvokeSigner.sigV4(KEY_ID, SECRET, "us-east-1")),
				new FunctionRef("authorize", "authorize", null), "{}");

		SigV4Verifier.SignedRequest received = received("authorize", null);
		assertThat(verifier(SECRET, "us-east-1").verify(received)).isEqualTo(KEY_ID);
		assertThat(catchThrowableOfType(SigV4Verifier.VerificationException.class,
				() -> verifier("a-different-secret-0123456789", "us-east-1").verify(received))
			.errorType()).isEqualTo("InvalidSignatureException");
		assertThat(catchThrowableOfType(SigV4Verifier.VerificationException.class,
				() -> verifier(SECRET, "eu-west-1").verify(received))
			.errorType()).isEqualTo("InvalidSignatureException");
	}

	@Test
	void invokeWhenNoKeyPairIsConfiguredThenTheRequestIsUnsigned() {
		invoke(invoker(InvokeSigner.NONE), new FunctionRef("authorize", "authorize", null), "{}");

		assertThat(lambda.lastHeaders("authorize")).doesNotContainKeys("Authorization", "X-Amz-Date");
	}

	@Test
	void signerWhenPrintedThenShowsTheKeyIdButNeverTheSecret() {
		assertThat(InvokeSigner.sigV4(KEY_ID, SECRET, "us-east-1").toString()).contains(KEY_ID, "us-east-1")
			.doesNotContain(SECRET);
	}

	@Test
	void propertiesWhenOnlyHalfAKeyPairThenRefusedNamingTheMissingProperty() {
		assertThatIllegalArgumentException().isThrownBy(
				() -> new LambdaConfiguration.LambdaProperties(null, null, Duration.ofSeconds(2), KEY_ID, null, null))
			.withMessageContaining("turnpike.lambda.secret-access-key");
		LambdaConfiguration.LambdaProperties properties = new LambdaConfiguration.LambdaProperties(null, null,
				Duration.ofSeconds(2), KEY_ID, SECRET, null);
		assertThat(properties.toString()).doesNotContain(SECRET);
		assertThat(LambdaConfiguration.signer(properties, "ap-south-1").toString()).contains("ap-south-1");
	}

}
