package dev.turnpike.gateway.hardening;

import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * Requests that attack HTTP itself: ambiguous body framing (request smuggling), folded
 * and malformed header lines, and heads too large to accept. Each is a complete byte
 * sequence for {@link RawHttp}, aimed at a guarded route without credentials, so whatever
 * part the server believes is the request, none may reach a backend.
 */
final class ProtocolAttacks {

	private static final String HOST = "Host: " + FortressApi.HOST + "\r\n";

	/** A second request hidden in the first one's body. */
	private static final String INNER = "GET /prod/keyed HTTP/1.1\r\n" + HOST + "Connection: close\r\n\r\n";

	private ProtocolAttacks() {
	}

	static List<String> smuggling() {
		String chunkedThenInner = "0\r\n\r\n" + INNER;
		return List.of(
				post("Content-Length: " + chunkedThenInner.length() + "\r\nTransfer-Encoding: chunked",
						chunkedThenInner),
				post("Transfer-Encoding: chunked\r\nContent-Length: 4", chunkedThenInner),
				post("Content-Length: 4\r\nContent-Length: 40", "abcd"),
				post("Content-Length: 4\r\nContent-Length: 4", "abcd"), post("Content-Length: 4, 4", "abcd"),
				post("Content-Length: +4", "abcd"), post("Content-Length: -1", ""),
				post("Content-Length: 99999999999999999999", ""), post("Transfer-Encoding: xchunked", chunkedThenInner),
				post("Transfer-Encoding : chunked", chunkedThenInner),
				post("Transfer-Encoding: chunked\r\nTransfer-Encoding: identity", chunkedThenInner),
				post("Transfer-Encoding:\tchunked", chunkedThenInner),
				post("Transfer-Encoding: identity, chunked", chunkedThenInner),
				post("Transfer-Encoding: chunked", "fffffffffffffffffff\r\nabcd\r\n0\r\n\r\n"),
				post("Transfer-Encoding: chunked", "-1\r\nabcd\r\n0\r\n\r\n"),
				post("Transfer-Encoding: chunked", "4;ext=\"\r\n\"\r\nabcd\r\n0\r\n\r\n"),
				// obs-fold: continuation lines (RFC 9112 says reject them or replace them
				// with spaces)
				post("Content-Length: 0\r\nX-Api-Key: unknown\r\n folded-continuation", ""),
				post("Content-Length: 0\r\nAuthorization: Bearer\r\n\tcontinued.token.value", ""),
				post("Transfer-Encoding:\r\n chunked", chunkedThenInner),
				"GET /prod/keyed HTTP/1.1\n" + HOST.replace("\r\n", "\n") + "Connection: close\n\n",
				"GET /prod/keyed HTTP/1.1\r\n" + HOST + "X Api-Key: unknown\r\nConnection: close\r\n\r\n",
				"GET /prod/keyed HTTP/1.1\r\n" + HOST + "Host: evil.example\r\nConnection: close\r\n\r\n",
				"GET /prod/keyed HTTP/1.1\r\n" + HOST + "X-Api-Key: a\0b\r\nConnection: close\r\n\r\n",
				"GET /prod/keyed HTTP/1.1\r\n" + HOST + "X-Api-Key: a\rb\r\nConnection: close\r\n\r\n",
				"GET /prod/keyed HTTP/1.0\r\n" + HOST
						+ "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n0\r\n\r\n",
				"GET http://evil.example/prod/keyed HTTP/1.1\r\n" + HOST + "Connection: close\r\n\r\n",
				"GET /prod/keyed HTTP/1.1\r\n" + HOST + "\r\n" + INNER);
	}

	private static String post(String framing, String body) {
		return "POST /prod/keyed HTTP/1.1\r\n" + HOST + "Content-Type: application/json\r\n" + framing
				+ "\r\nConnection: close\r\n\r\n" + body;
	}

	/**
	 * Heads over the server's limits: too many or too large headers, too long a request
	 * line.
	 */
	static List<String> floods() {
		StringBuilder manyHeaders = new StringBuilder();
		for (int i = 0; i < 600; i++) {
			manyHeaders.append("X-Flood-").append(i).append(": ").append("v".repeat(30)).append("\r\n");
		}
		StringBuilder tinyHeaders = new StringBuilder();
		for (int i = 0; i < 5000; i++) {
			tinyHeaders.append("a").append(i).append(": b\r\n");
		}
		return List.of(get("/prod/keyed", manyHeaders.toString()), get("/prod/keyed", tinyHeaders.toString()),
				get("/prod/keyed", "X-Huge: " + "h".repeat(20_000) + "\r\n"),
				get("/prod/keyed", "X-" + "n".repeat(20_000) + ": v\r\n"),
				get("/prod/keyed?" + manyParameters(2000, 0), ""), get("/prod/keyed/" + "a".repeat(10_000), ""));
	}

	private static String get(String target, String headers) {
		return "GET " + target + " HTTP/1.1\r\n" + HOST + headers + "Connection: close\r\n\r\n";
	}

	/**
	 * {@code count} headers of about 70 bytes each: many, but within the server's head
	 * size.
	 */
	static HttpRequest.Builder manyHeaders(HttpRequest.Builder request, int count, int n) {
		for (int i = 0; i < count; i++) {
			request.header("X-Flood-" + i, "value-" + n + "-" + "f".repeat(50));
		}
		return request;
	}

	/** {@code count} query parameters, short enough together to fit a request line. */
	static String manyParameters(int count, int n) {
		List<String> parameters = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			parameters.add("p" + i + "=" + (n % 100));
		}
		return String.join("&", parameters);
	}

}
