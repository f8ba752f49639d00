package dev.turnpike.gateway.error;

/**
 * The vocabulary of errors a client can see: Amazon API Gateway's gateway response types
 * with their default status, {@code x-amzn-ErrorType} and message. Every error the
 * gateway answers is one of these, written by {@code GatewayResponseWriter}, and each can
 * be customised per API with {@code x-amazon-apigateway-gateway-responses}.
 */
public enum GatewayResponseType {

	ACCESS_DENIED(403, "AccessDeniedException", "Forbidden"),
	API_CONFIGURATION_ERROR(500, "ApiConfigurationException", "Internal server error"),
	/** AWS answers {@code {"message": null}}: the message really is null. */
	AUTHORIZER_CONFIGURATION_ERROR(500, "AuthorizerConfigurationException", null),
	AUTHORIZER_FAILURE(500, "AuthorizerFailureException", null),
	BAD_REQUEST_PARAMETERS(400, "BadRequestException", "Bad request"),
	BAD_REQUEST_BODY(400, "BadRequestException", "Invalid request body"), DEFAULT_4XX(0, null, null),
	DEFAULT_5XX(0, null, null),
	EXPIRED_TOKEN(403, "ExpiredTokenException", "The security token included in the request is expired"),
	INTEGRATION_FAILURE(504, "InternalServerErrorException", "Internal server error"),
	INTEGRATION_TIMEOUT(504, "InternalServerErrorException", "Endpoint request timed out"),
	INVALID_API_KEY(403, "ForbiddenException", "Forbidden"),
	INVALID_SIGNATURE(403, "InvalidSignatureException", "Forbidden"),
	MISSING_AUTHENTICATION_TOKEN(403, "MissingAuthenticationTokenException", "Missing Authentication Token"),
	QUOTA_EXCEEDED(429, "LimitExceededException", "Limit Exceeded"),
	REQUEST_TOO_LARGE(413, "RequestTooLargeException", "Request Too Long"),
	RESOURCE_NOT_FOUND(404, "ResourceNotFoundException", "Not Found"),
	THROTTLED(429, "TooManyRequestsException", "Too Many Requests"),
	UNAUTHORIZED(401, "UnauthorizedException", "Unauthorized"),
	UNSUPPORTED_MEDIA_TYPE(415, "BadRequestException", "Unsupported Media Type"),
	WAF_FILTERED(403, "WafFilteredException", "Forbidden"),

	/**
	 * Not an AWS type: the request names no API stage this gateway serves (unknown host,
	 * base path or stage). AWS answers such requests {@code 403 {"message":"Forbidden"}}
	 * before any API is known, so no API can customise it.
	 */
	NO_MATCHING_STAGE(403, "ForbiddenException", "Forbidden"),

	/**
	 * Not a REST API type: an HTTP API has no route (and no {@code $default} route) for
	 * the request, or no stage (and no {@code $default} stage). HTTP APIs answer 404
	 * {@code {"message":"Not Found"}}; they have no gateway responses to customise it.
	 */
	NO_MATCHING_ROUTE(404, null, "Not Found"),

	/**
	 * Not an AWS type: usage limits cannot be checked (Redis is unavailable) and the
	 * failure policy is {@code fail-closed}. Customisable through {@code DEFAULT_5XX}.
	 */
	LIMITS_UNAVAILABLE(503, "ServiceUnavailableException", "Service Unavailable"),

	/**
	 * Not an AWS type: the request's header section is over {@code turnpike.limits} (the
	 * total size of header values, or the number of headers). AWS documents the limit (10
	 * 240 bytes of header values) but not its answer; this is the status HTTP defines for
	 * it. Answered before any API is known, so no API can customise it.
	 */
	REQUEST_HEADERS_TOO_LARGE(431, "RequestHeaderFieldsTooLargeException", "Request Header Fields Too Large"),

	/**
	 * Not an AWS type: the request target is longer than
	 * {@code turnpike.limits.max-uri-length} (AWS regional: 10 240 characters). Answered
	 * before any API is known; not customisable.
	 */
	REQUEST_URI_TOO_LONG(414, "RequestUriTooLongException", "Request URI too long"),

	/**
	 * Not an AWS type: the request is not valid HTTP/1.1 (a malformed request line or
	 * header, a header with control characters, conflicting
	 * {@code Content-Length}/{@code Transfer-Encoding}, a target that is not a URI).
	 * Answered before any API is known and the connection is closed; not customisable.
	 */
	MALFORMED_REQUEST(400, "BadRequestException", "Bad Request");

	private final int defaultStatus;

	private final String errorType;

	private final String defaultMessage;

	GatewayResponseType(int defaultStatus, String errorType, String defaultMessage) {
		this.defaultStatus = defaultStatus;
		this.errorType = errorType;
		this.defaultMessage = defaultMessage;
	}

	public int defaultStatus() {
		return this.defaultStatus;
	}

	/** The {@code x-amzn-ErrorType} header value. */
	public String errorType() {
		return this.errorType;
	}

	public String defaultMessage() {
		return this.defaultMessage;
	}

	/**
	 * {@code DEFAULT_4XX} or {@code DEFAULT_5XX}, whose customisation applies to this
	 * type when it has none.
	 */
	public GatewayResponseType fallback() {
		return (this.defaultStatus >= 500) ? DEFAULT_5XX : DEFAULT_4XX;
	}

	/**
	 * Whether an API may name this type in {@code x-amazon-apigateway-gateway-responses}
	 * (AWS's types only; Turnpike's own types still take the API's
	 * {@code DEFAULT_4XX}/{@code DEFAULT_5XX} customisation).
	 */
	public boolean isCustomizable() {
		return switch (this) {
			case NO_MATCHING_STAGE, NO_MATCHING_ROUTE, LIMITS_UNAVAILABLE, REQUEST_HEADERS_TOO_LARGE,
					REQUEST_URI_TOO_LONG, MALFORMED_REQUEST ->
				false;
			default -> true;
		};
	}

	public boolean isDefaultGroup() {
		return this == DEFAULT_4XX || this == DEFAULT_5XX;
	}

}
