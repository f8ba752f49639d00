package dev.turnpike.usageplans.domain;

/**
 * An error in Amazon API Gateway's management API shape: the status, the error type the
 * AWS SDKs map to an exception class ({@code x-amzn-ErrorType}), and a message naming the
 * problem. Expected errors, so no stack trace.
 */
public final class ApiException extends RuntimeException {

	/** The error types of the API key and usage plan operations. */
	public enum Type {

		BAD_REQUEST(400, "BadRequestException"), NOT_FOUND(404, "NotFoundException"),
		CONFLICT(409, "ConflictException"), LIMIT_EXCEEDED(429, "LimitExceededException"),
		UNAUTHORIZED(401, "UnauthorizedException"), FORBIDDEN(403, "AccessDeniedException");

		private final int status;

		private final String errorType;

		Type(int status, String errorType) {
			this.status = status;
			this.errorType = errorType;
		}

		public int status() {
			return this.status;
		}

		public String errorType() {
			return this.errorType;
		}

	}

	private final Type type;

	private ApiException(Type type, String message) {
		super(message, null, false, false);
		this.type = type;
	}

	public Type type() {
		return this.type;
	}

	public static ApiException badRequest(String message) {
		return new ApiException(Type.BAD_REQUEST, message);
	}

	public static ApiException notFound(String message) {
		return new ApiException(Type.NOT_FOUND, message);
	}

	public static ApiException conflict(String message) {
		return new ApiException(Type.CONFLICT, message);
	}

	public static ApiException limitExceeded(String message) {
		return new ApiException(Type.LIMIT_EXCEEDED, message);
	}

}
