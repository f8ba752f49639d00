package dev.turnpike.gateway.hardening;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import dev.turnpike.gateway.hardening.HostileTraffic.Attempt;
import dev.turnpike.gateway.hardening.HostileTraffic.Judge;

/**
 * Bodies built to hurt parsers and templates: nesting 10 000 levels deep, 9 MB documents,
 * one byte over the 10 MB payload limit (declared or chunked), each sent to the route
 * that validates bodies, to guarded routes without credentials, and to the mock route
 * whose template reads the body.
 */
final class BodyAttacks {

	/** The gateway's payload limit (AWS: 10 MB). */
	static final int LIMIT = 10 * 1024 * 1024;

	private BodyAttacks() {
	}

	static String nestedArrays(int depth) {
		return "[".repeat(depth) + "]".repeat(depth);
	}

	static String nestedObjects(int depth) {
		return "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
	}

	/**
	 * About 9 MB of JSON: a price that is a string (invalid for the model), or a probe
	 * for the template.
	 */
	static byte[] nineMegabytes(boolean probe) {
		String filler = "A".repeat(9 * 1024 * 1024);
		return (probe ? "{\"probe\":\"" + filler + "\"}" : "{\"name\":\"Rex\",\"price\":\"" + filler + "\"}")
			.getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * {@code body} sent to target 0 ({@code /validated}, with its required header), 1
	 * ({@code /keyed}, no credentials), 2 ({@code /render}, no credentials) or 3 (the
	 * mock {@code /templated/deep}, which must render its usual answer, not fail).
	 */
	static Attempt against(Fortress fortress, int target, BodyPublisher body) {
		HttpRequest.Builder request = switch (target) {
			case 0 -> fortress.request("/prod/validated").header("X-Tenant", "t1");
			case 1 -> fortress.request("/prod/keyed");
			case 2 -> fortress.request("/prod/render");
			default -> fortress.request("/prod/templated/deep");
		};
		HttpRequest built = request.header("Content-Type", "application/json").POST(body).build();
		return new Attempt(built, (target == 3) ? rendered("q=|h=|id=deep|end") : Judge.REJECTED);
	}

	/**
	 * One byte over the limit, with its length declared or chunked (the length unknown to
	 * the gateway up front).
	 */
	static Attempt overLimit(Fortress fortress, int target, boolean chunked) {
		byte[] bytes = new byte[LIMIT + 1];
		Arrays.fill(bytes, (byte) ' ');
		bytes[0] = '[';
		bytes[bytes.length - 1] = ']';
		BodyPublisher body = chunked ? BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))
				: BodyPublishers.ofByteArray(bytes);
		Attempt attempt = against(fortress, target, body);
		return new Attempt(attempt.request(), Judge.REJECTED);
	}

	/** A 200 from the mock integration with exactly {@code expected} as its body. */
	static Judge rendered(String expected) {
		return answer -> (answer.status() == 200 && answer.body().equals(expected)) ? null
				: "expected 200 \"" + expected + "\"";
	}

}
