package dev.turnpike.gateway.hardening;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the gateway answered to one hostile request: a status, headers and body, or
 * nothing at all ({@link #closed()}: the connection was closed without a response).
 */
record Answer(int status, Map<String, List<String>> headers, String body) {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * The 5xx types AWS documents for failures a client's request can cause (its
	 * authorizer misbehaving).
	 */
	private static final List<String> DOCUMENTED_5XX = List.of("AuthorizerConfigurationException",
			"AuthorizerFailureException");

	static Answer of(int status, Map<String, List<String>> headers, String body) {
		Map<String, List<String>> caseless = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		caseless.putAll(headers);
		return new Answer(status, caseless, body);
	}

	static Answer closedConnection() {
		return new Answer(0, Map.of(), "");
	}

	boolean closed() {
		return this.status == 0;
	}

	String header(String name) {
		List<String> values = this.headers.get(name);
		return (values == null || values.isEmpty()) ? null : values.get(0);
	}

	String errorType() {
		return header("x-amzn-ErrorType");
	}

	/**
	 * Why this is not an AWS-style rejection, or {@code null} when it is one: a 4xx or a
	 * documented 5xx, with {@code x-amzn-ErrorType}, {@code x-amzn-RequestId} and a JSON
	 * body {@code {"message": ...}}.
	 */
	String notARejection() {
		if (this.status < 400 || this.status > 599) {
			return "status " + this.status + " is not a rejection";
		}
		if (errorType() == null) {
			return "no x-amzn-ErrorType (a bare " + this.status + ")";
		}
		if (this.status >= 500 && !DOCUMENTED_5XX.contains(errorType())) {
			return this.status + " " + errorType() + " is not an AWS-documented answer to a client's request";
		}
		if (header("x-amzn-RequestId") == null) {
			return "no x-amzn-RequestId";
		}
		try {
			JsonNode body = JSON.readTree(this.body);
			return (body.isObject() && body.has("message")) ? null : "body is not {\"message\": ...}";
		}
		catch (RuntimeException ex) {
			return "body is not JSON";
		}
	}

	/**
	 * A 500 that Turnpike's own code produced: a bare one, or one whose error type AWS
	 * does not document for it.
	 */
	boolean serverErrorFromTurnpike() {
		return this.status >= 500 && (errorType() == null || !DOCUMENTED_5XX.contains(errorType()));
	}

	@Override
	public String toString() {
		if (closed()) {
			return "(connection closed without a response)";
		}
		String shown = (this.body.length() > 300) ? this.body.substring(0, 300) + "..." : this.body;
		return this.status + " x-amzn-ErrorType=" + errorType() + " body=" + shown;
	}

}
