package dev.turnpike.gateway.error;

import java.util.Map;

/**
 * An expected rejection or failure that becomes a gateway response: cheap to create (no
 * stack trace), carrying the response type, the message for
 * {@code $context.error.message}, and optionally a status that differs from the type's
 * default for this cause (a refused backend connection is an {@code INTEGRATION_FAILURE}
 * answered with 502, not the type's 504).
 */
public final class GatewayException extends RuntimeException {

	private final GatewayResponseType type;

	private final int causeStatus;

	private final String validationErrorString;

	private final Map<String, String> headers;

	private GatewayException(GatewayResponseType type, String message, int causeStatus, String validationErrors,
			Throwable cause) {
		this(type, message, causeStatus, validationErrors, cause, Map.of());
	}

	private GatewayException(GatewayResponseType type, String message, int causeStatus, String validationErrors,
			Throwable cause, Map<String, String> headers) {
		super(message, cause, false, false);
		this.type = type;
		this.causeStatus = causeStatus;
		this.validationErrorString = validationErrors;
		this.headers = headers;
	}

	/**
	 * The same error with extra response headers (for example {@code Retry-After} on a
	 * 429).
	 */
	public GatewayException withHeaders(Map<String, String> extra) {
		return new GatewayException(this.type, getMessage(), this.causeStatus, this.validationErrorString, getCause(),
				extra);
	}

	/** Headers the response carries besides the gateway response's own. */
	public Map<String, String> headers() {
		return this.headers;
	}

	public static GatewayException of(GatewayResponseType type) {
		return new GatewayException(type, type.defaultMessage(), 0, null, null);
	}

	public static GatewayException of(GatewayResponseType type, String message) {
		return new GatewayException(type, message, 0, null, null);
	}

	/**
	 * A failure whose status differs from the type's default when the API does not
	 * customise it.
	 */
	public static GatewayException withStatus(GatewayResponseType type, int status, Throwable cause) {
		return new GatewayException(type, type.defaultMessage(), status, null, cause);
	}

	/**
	 * A backend the gateway will not call right now (its circuit breaker is open, or too
	 * many calls are in flight): 503 {@code Service Unavailable}, an
	 * {@code INTEGRATION_FAILURE} for customisation.
	 */
	public static GatewayException unavailable(String message, String detail) {
		return new GatewayException(GatewayResponseType.INTEGRATION_FAILURE, message, 503, null,
				new IllegalStateException(detail));
	}

	public static GatewayException validation(GatewayResponseType type, String message, String validationErrors) {
		return new GatewayException(type, message, 0, validationErrors, null);
	}

	public GatewayResponseType type() {
		return this.type;
	}

	/**
	 * The status to use unless the API customises it: the cause's own, else the type's
	 * default.
	 */
	public int status() {
		return (this.causeStatus != 0) ? this.causeStatus : this.type.defaultStatus();
	}

	public String validationErrorString() {
		return this.validationErrorString;
	}

}
