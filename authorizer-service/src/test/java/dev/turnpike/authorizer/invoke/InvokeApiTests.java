package dev.turnpike.authorizer.invoke;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.TooManyRequestsException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The Lambda Invoke API as the AWS SDK for Java v2 sees it (endpoint override, real
 * client): payloads in and out through the Lambda runtime's serializers, function errors,
 * unknown functions, qualifiers, invocation types, timeouts and throttling. The client
 * signs with the key pair the service is configured with, as it would sign for AWS
 * Lambda.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "turnpike.functions.handlers.echo=dev.turnpike.authorizer.invoke.TestHandlers$Echo",
				"turnpike.functions.handlers.failing=dev.turnpike.authorizer.invoke.TestHandlers$Failing",
				"turnpike.functions.handlers.endless=dev.turnpike.authorizer.invoke.TestHandlers$Endless",
				"turnpike.functions.handlers.gate=dev.turnpike.authorizer.invoke.TestHandlers$Gate",
				"turnpike.functions.handlers.shout=dev.turnpike.authorizer.invoke.TestHandlers$Shout",
				"turnpike.functions.timeouts.endless=300ms", "turnpike.functions.timeouts.gate=15s",
				"turnpike.functions.max-concurrency=2", "turnpike.functions.account-id=123456789012",
				"turnpike.functions.access-key-id=" + InvokeApiTests.KEY_ID,
				"turnpike.functions.secret-access-key=" + InvokeApiTests.SECRET })
class InvokeApiTests {

	static final String KEY_ID = "AKIDEXAMPLE";

	static final String SECRET = "invoke-api-tests-secret-0123456789";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	LambdaClient lambda;

	@BeforeEach
	void client() {
		this.lambda = LambdaClient.builder()
			.endpointOverride(URI.create("http://127.0.0.1:" + this.port))
			.region(Region.US_EAST_1)
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY_ID, SECRET)))
			.httpClient(ApacheHttpClient.create())
			.build();
	}

	@AfterEach
	void close() {
		this.lambda.close();
	}

	private InvokeResponse invoke(String function, String payload) {
		return this.lambda.invoke(request -> request.functionName(function).payload(SdkBytes.fromUtf8String(payload)));
	}

	private static JsonNode json(InvokeResponse response) {
		return JSON.readTree(response.payload().asUtf8String());
	}

	@Test
	void handlerGetsThePayloadAndItsContextAndItsOutputComesBack() {
		InvokeResponse response = invoke("echo", "{\"pet\":\"rex\",\"legs\":4}");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.functionError()).isNull();
		assertThat(response.executedVersion()).isEqualTo("$LATEST");
		JsonNode output = json(response);
		assertThat(output.get("input").toString()).isEqualTo("{\"pet\":\"rex\",\"legs\":4}");
		assertThat(output.get("functionName").asString()).isEqualTo("echo");
		assertThat(output.get("functionArn").asString())
			.isEqualTo("arn:aws:lambda:us-east-1:123456789012:function:echo");
		assertThat(output.get("requestId").asString()).isNotBlank();
		assertThat(output.get("remainingMillis").asInt()).isBetween(1, 3000);
	}

	@Test
	void functionIsFoundByNamePartialArnOrArnWithLatestQualifier() {
		assertThat(json(invoke("123456789012:function:echo", "{}")).get("functionName").asString()).isEqualTo("echo");
		assertThat(json(invoke("arn:aws:lambda:us-east-1:123456789012:function:echo", "{}")).get("functionName")
			.asString()).isEqualTo("echo");
		assertThat(json(invoke("echo:$LATEST", "{}")).get("functionName").asString()).isEqualTo("echo");
		InvokeResponse qualified = this.lambda.invoke(
				request -> request.functionName("echo").qualifier("$LATEST").payload(SdkBytes.fromUtf8String("{}")));
		assertThat(qualified.statusCode()).isEqualTo(200);
	}

	@Test
	void unknownFunctionOrVersionIsResourceNotFound() {
		assertThatExceptionOfType(ResourceNotFoundException.class).isThrownBy(() -> invoke("nobody", "{}"))
			.satisfies(ex -> {
				assertThat(ex.statusCode()).isEqualTo(404);
				assertThat(ex.awsErrorDetails().errorMessage())
					.isEqualTo("Function not found: arn:aws:lambda:us-east-1:123456789012:function:nobody");
			});
		assertThatExceptionOfType(ResourceNotFoundException.class).isThrownBy(() -> invoke("echo:7", "{}"));
	}

	@Test
	void thrownExceptionIsAnUnhandledFunctionErrorWithMessageAndType() {
		InvokeResponse response = invoke("failing", "{\"what\":\"cats\"}");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.functionError()).isEqualTo("Unhandled");
		assertThat(json(response).get("errorMessage").asString()).isEqualTo("no cats here");
		assertThat(json(response).get("errorType").asString()).isEqualTo("java.lang.IllegalArgumentException");
	}

	@Test
	void functionRunningPastItsTimeoutIsInterruptedAndReportedAsTimedOut() throws InterruptedException {
		InvokeResponse response = invoke("endless", "{}");

		assertThat(response.functionError()).isEqualTo("Unhandled");
		assertThat(json(response).get("errorMessage").asString()).isEqualTo("Task timed out after 0.30 seconds");
		assertThat(TestHandlers.Endless.INTERRUPTED.tryAcquire(5, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void streamHandlersGetTheRawPayload() {
		assertThat(invoke("shout", "\"hello\"").payload().asUtf8String()).isEqualTo("\"HELLO\"");
	}

	@Test
	void beyondMaxConcurrencyInvocationsAreThrottledUntilASlotFrees() throws Exception {
		TestHandlers.Gate.open = new CountDownLatch(1);
		TestHandlers.Gate.ENTERED.drainPermits();
		List<CompletableFuture<InvokeResponse>> held = List.of(
				CompletableFuture.supplyAsync(() -> invoke("gate", "{}")),
				CompletableFuture.supplyAsync(() -> invoke("gate", "{}")));
		assertThat(TestHandlers.Gate.ENTERED.tryAcquire(2, 10, TimeUnit.SECONDS)).isTrue();

		assertThatExceptionOfType(TooManyRequestsException.class).isThrownBy(() -> invoke("echo", "{}"))
			.satisfies(ex -> assertThat(ex.statusCode()).isEqualTo(429));

		TestHandlers.Gate.open.countDown();
		for (CompletableFuture<InvokeResponse> invocation : held) {
			assertThat(invocation.get(10, TimeUnit.SECONDS).payload().asUtf8String()).isEqualTo("\"passed\"");
		}
		assertThat(invoke("echo", "{}").statusCode()).isEqualTo(200);
	}

	@Test
	void eventInvocationsAreAcceptedAndDryRunsOnlyChecked() {
		InvokeResponse event = this.lambda.invoke(request -> request.functionName("echo")
			.invocationType(InvocationType.EVENT)
			.payload(SdkBytes.fromUtf8String("{}")));
		assertThat(event.statusCode()).isEqualTo(202);
		InvokeResponse dryRun = this.lambda.invoke(request -> request.functionName("echo")
			.invocationType(InvocationType.DRY_RUN)
			.payload(SdkBytes.fromUtf8String("{}")));
		assertThat(dryRun.statusCode()).isEqualTo(204);
	}

	@Test
	void payloadThatIsNotJsonIsInvalidRequestContent() throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(new SignedInvokeRequests(KEY_ID, SECRET)
				.post("http://127.0.0.1:" + this.port + "/2015-03-31/functions/echo/invocations", "{not json"),
					HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue("InvalidRequestContentException");
		assertThat(JSON.readTree(response.body()).get("message").asString())
			.startsWith("Could not parse request body into json");
	}

}
