package dev.turnpike.sigv4;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Regression tests for what the SigV4 fuzz test ({@link SigV4VerifierFuzzTests}) found;
 * its seed directory replays the recorded inputs too.
 */
class SigV4VerifierFuzzFindingsTests {

	private static final Instant NOW = Instant.parse("2026-01-15T12:00:00Z");

	private final SigV4Verifier verifier = new SigV4Verifier("apigateway",
			key -> "AKIDFUZZ".equals(key) ? "secret" : null, Duration.ofMinutes(5), Clock.fixed(NOW, ZoneOffset.UTC));

	@Test
	void verifyWhenQueryHasAnIncompleteEscapeThenInvalidSignatureNotAnUnexpectedException() {
		SigV4Verifier.SignedRequest request = new SigV4Verifier.SignedRequest("GET", "/apikeys", "name=%",
				Map.of("X-Amz-Date", List.of("20260115T120000Z"), "Host", List.of("localhost:8081"), "Authorization",
						List.of("AWS4-HMAC-SHA256 Credential=AKIDFUZZ/20260115/us-east-1/apigateway/aws4_request, "
								+ "SignedHeaders=host;x-amz-date, Signature=" + "0".repeat(64))),
				new byte[0]);
		assertThatExceptionOfType(SigV4Verifier.VerificationException.class)
			.isThrownBy(() -> this.verifier.verify(request))
			.satisfies(ex -> assertThat(ex.errorType()).isEqualTo("InvalidSignatureException"));
	}

	@Test
	void canonicalQueryWhenEscapesAreMalformedThenTheyAreTakenLiterally() {
		assertThat(SigV4Verifier.canonicalQuery("b=%zz&a=%&c=%41")).isEqualTo("a=%25&b=%25zz&c=A");
	}

}
