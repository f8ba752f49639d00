package dev.turnpike.samples.lambda;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.turnpike.test.lambda.TestLambdaServer.Reply;
import dev.turnpike.test.lambda.TestLambdaServer;
import dev.turnpike.test.process.JarProcess;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Spring Boot app behind AWS's own Lambda adapter (aws-serverless-java-container),
 * unchanged, served through the packaged gateway's Lambda proxy integration: the function
 * runs in a Lambda-compatible endpoint, the gateway invokes it with API Gateway's proxy
 * events, and the app's routes, statuses, headers and bodies reach the client.
 */
class PetsThroughGatewayIT {

	private static final String API = """
			openapi: 3.0.1
			info: {title: Pets on Lambda, version: "1"}
			paths:
			  /{proxy+}:
			    x-amazon-apigateway-any-method:
			      parameters:
			        - {name: proxy, in: path, required: true, schema: {type: string}}
			      x-amazon-apigateway-integration:
			        type: aws_proxy
			        httpMethod: POST
			        uri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:pets/invocations
			""";

	@TempDir
	static Path configDir;

	static TestLambdaServer lambda;

	static JarProcess gateway;

	static String baseUrl;

	static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@BeforeAll
	static void start() throws IOException {
		StreamLambdaHandler handler = new StreamLambdaHandler();
		lambda = TestLambdaServer.start();
		lambda.function("pets", event -> {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			try {
				handler.handleRequest(new ByteArrayInputStream(event), out, new TestContext());
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			return Reply.json(out.toString(StandardCharsets.UTF_8));
		});
		Files.createDirectories(configDir.resolve("apis/pets/stages"));
		Files.writeString(configDir.resolve("apis/pets/openapi.yaml"), API);
		Files.writeString(configDir.resolve("apis/pets/stages/prod.yaml"), "variables: {}\n");
		Files.writeString(configDir.resolve("gateway.yaml"), "domains:\n  localhost:\n    (none): pets/prod\n");
		int port = JarProcess.freePort();
		int management = JarProcess.freePort();
		gateway = JarProcess.start("gateway", JarProcess.moduleJar("gateway-app"),
				List.of("--server.port=" + port, "--management.server.port=" + management,
						"--turnpike.config.location=" + configDir,
						"--turnpike.lambda.endpoint-url=" + lambda.endpoint()));
		gateway.awaitReady("http://127.0.0.1:" + management + "/actuator/health/readiness", Duration.ofSeconds(90));
		baseUrl = "http://localhost:" + port;
	}

	@AfterAll
	static void stop() {
		if (gateway != null) {
			gateway.close();
		}
		lambda.close();
	}

	private static HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Test
	void springRoutesAnswerThroughTheLambdaProxyIntegration() {
		HttpResponse<String> list = send(HttpRequest.newBuilder(URI.create(baseUrl + "/pets?type=cat")));
		assertThat(list.statusCode()).isEqualTo(200);
		assertThat(list.headers().firstValue("Content-Type"))
			.hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
		assertThat(list.body()).isEqualTo("[{\"id\":2,\"name\":\"Tom\",\"type\":\"cat\"}]");
		assertThat(list.headers().firstValue("x-amzn-RequestId")).isPresent();

		HttpResponse<String> one = send(HttpRequest.newBuilder(URI.create(baseUrl + "/pets/1")));
		assertThat(one.statusCode()).isEqualTo(200);
		assertThat(one.body()).isEqualTo("{\"id\":1,\"name\":\"Rex\",\"type\":\"dog\"}");
	}

	@Test
	void requestBodiesHeadersAndStatusesGoBothWays() {
		HttpResponse<String> created = send(HttpRequest.newBuilder(URI.create(baseUrl + "/pets"))
			.header("Content-Type", "application/json")
			.header("X-Shop", "downtown")
			.POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Nemo\",\"type\":\"fish\"}")));
		assertThat(created.statusCode()).isEqualTo(201);
		assertThat(created.headers().firstValue("X-Shop")).hasValue("downtown");
		assertThat(created.body()).contains("\"name\":\"Nemo\"", "\"type\":\"fish\"");

		HttpResponse<String> missing = send(HttpRequest.newBuilder(URI.create(baseUrl + "/pets/999")));
		assertThat(missing.statusCode()).isEqualTo(404);
		assertThat(lambda.invocationCount("pets")).isPositive();
	}

	/** What the Lambda runtime passes; enough for the adapter. */
	static final class TestContext implements Context {

		@Override
		public String getAwsRequestId() {
			return "test-request";
		}

		@Override
		public String getLogGroupName() {
			return "/aws/lambda/pets";
		}

		@Override
		public String getLogStreamName() {
			return "test";
		}

		@Override
		public String getFunctionName() {
			return "pets";
		}

		@Override
		public String getFunctionVersion() {
			return "$LATEST";
		}

		@Override
		public String getInvokedFunctionArn() {
			return "arn:aws:lambda:us-east-1:123456789012:function:pets";
		}

		@Override
		public CognitoIdentity getIdentity() {
			return null;
		}

		@Override
		public ClientContext getClientContext() {
			return null;
		}

		@Override
		public int getRemainingTimeInMillis() {
			return 30_000;
		}

		@Override
		public int getMemoryLimitInMB() {
			return 512;
		}

		@Override
		public LambdaLogger getLogger() {
			return new LambdaLogger() {

				@Override
				public void log(String message) {
					System.out.println(message);
				}

				@Override
				public void log(byte[] message) {
					System.out.println(new String(message, StandardCharsets.UTF_8));
				}

			};
		}

	}

}
