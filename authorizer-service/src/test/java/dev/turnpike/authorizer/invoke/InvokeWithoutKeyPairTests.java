package dev.turnpike.authorizer.invoke;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Without a configured key pair the service starts (health answers) but runs nothing for
 * anyone: it fails closed. A half-configured or weak key pair stops it at start, with the
 * property named.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "turnpike.functions.handlers.counting=dev.turnpike.authorizer.invoke.TestHandlers$Counting")
class InvokeWithoutKeyPairTests {

	@LocalServerPort
	int port;

	@Test
	void invokeWhenNoKeyPairIsConfiguredThenEverySignedCallIsUnrecognizedAndNothingRuns() throws Exception {
		int before = TestHandlers.Counting.RUNS.get();
		HttpResponse<String> response = HttpClient.newBuilder()
			.connectTimeout(Duration.ofSeconds(5))
			.build()
			.send(new SignedInvokeRequests("AKIDANYONE", "any-secret-0123456789abcdef")
				.post("http://127.0.0.1:" + this.port + "/2015-03-31/functions/counting/invocations", "{}"),
					HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue("UnrecognizedClientException");
		assertThat(TestHandlers.Counting.RUNS.get()).isEqualTo(before);
	}

	@Test
	void propertiesWhenOnlyOneHalfOfTheKeyPairOrAShortSecretThenRefusedNamingTheProperty() {
		assertThatIllegalArgumentException().isThrownBy(() -> properties("AKIDHALF", null))
			.withMessageContaining("turnpike.functions.secret-access-key");
		assertThatIllegalArgumentException().isThrownBy(() -> properties(null, "a-secret-without-its-key-id"))
			.withMessageContaining("access-key-id is missing");
		assertThatIllegalArgumentException().isThrownBy(() -> properties("AKIDSHORT", "short"))
			.withMessageContaining("turnpike.functions.secret-access-key must be at least 16 characters");
	}

	@Test
	void propertiesWhenPrintedThenTheSecretIsMasked() {
		assertThat(properties("AKIDPRINTED", "printed-secret-0123456789").toString()).contains("AKIDPRINTED")
			.doesNotContain("printed-secret");
	}

	private static FunctionsProperties properties(String keyId, String secret) {
		return new FunctionsProperties(Duration.ofSeconds(3), null, 64, "us-east-1", "000000000000", null, keyId,
				secret, Duration.ofMinutes(5));
	}

}
