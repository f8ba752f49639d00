package dev.turnpike.authorizer.builtin;

import java.util.Map;

import com.amazonaws.services.lambda.runtime.events.APIGatewayCustomAuthorizerEvent;

/** Reading the identity out of an authorizer event. */
final class Tokens {

	private Tokens() {
	}

	/**
	 * A TOKEN event's token, or a REQUEST event's {@code header} (looked up ignoring
	 * case); null when absent.
	 */
	static String identity(APIGatewayCustomAuthorizerEvent event, String header) {
		if ("TOKEN".equalsIgnoreCase(event.getType())) {
			return blankToNull(event.getAuthorizationToken());
		}
		return blankToNull(header(event.getHeaders(), header));
	}

	static String header(Map<String, String> headers, String name) {
		if (headers == null) {
			return null;
		}
		for (Map.Entry<String, String> header : headers.entrySet()) {
			if (header.getKey() != null && header.getKey().equalsIgnoreCase(name)) {
				return header.getValue();
			}
		}
		return null;
	}

	/** The value without a {@code Bearer } prefix. */
	static String bearer(String value) {
		if (value == null) {
			return null;
		}
		String trimmed = value.trim();
		if (trimmed.regionMatches(true, 0, "Bearer ", 0, 7)) {
			trimmed = trimmed.substring(7).trim();
		}
		return blankToNull(trimmed);
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

}
