package dev.turnpike.gateway.lambda;

/** The function could not be invoked: unknown, unreachable, throttled or timed out. */
public final class LambdaInvocationException extends RuntimeException {

	public LambdaInvocationException(String message, Throwable cause) {
		super(message, cause);
	}

}
