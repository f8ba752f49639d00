package dev.turnpike.gateway.responses;

import dev.turnpike.gateway.error.GatewayResponseType;

/**
 * How an HTTP API answers each error: HTTP APIs have no gateway responses, only fixed
 * statuses and {@code {"message": ...}} bodies, and no {@code x-amzn-ErrorType} header.
 */
final class HttpApiErrors {

	/** An HTTP API's status and message for one error. */
	record Answer(int status, String message) {
	}

	private HttpApiErrors() {
	}

	static Answer of(GatewayResponseType type, int status) {
		return switch (type) {
			case UNAUTHORIZED -> new Answer(401, "Unauthorized");
			case MISSING_AUTHENTICATION_TOKEN, RESOURCE_NOT_FOUND, NO_MATCHING_ROUTE, NO_MATCHING_STAGE ->
				new Answer(404, "Not Found");
			case THROTTLED, QUOTA_EXCEEDED -> new Answer(429, "Too Many Requests");
			case REQUEST_TOO_LARGE -> new Answer(413, "Request Entity Too Large");
			case INTEGRATION_TIMEOUT, LIMITS_UNAVAILABLE -> new Answer(503, "Service Unavailable");
			case BAD_REQUEST_PARAMETERS, BAD_REQUEST_BODY, MALFORMED_REQUEST -> new Answer(400, "Bad Request");
			case UNSUPPORTED_MEDIA_TYPE -> new Answer(415, "Unsupported Media Type");
			case REQUEST_HEADERS_TOO_LARGE, REQUEST_URI_TOO_LONG -> new Answer(status, type.defaultMessage());
			default -> (status >= 500) ? new Answer(500, "Internal Server Error")
					: (status == 403) ? new Answer(403, "Forbidden") : new Answer(status, type.defaultMessage());
		};
	}

}
