package dev.turnpike.gateway.lambda;

import java.nio.charset.StandardCharsets;

/**
 * What an invocation returned: the payload, and the function error kind when the function
 * failed ({@code X-Amz-Function-Error}: {@code Unhandled} or {@code Handled}; the payload
 * then holds {@code {"errorMessage", "errorType"}}).
 */
public record LambdaResult(byte[] payload, String functionError) {

	public boolean isFunctionError() {
		return this.functionError != null;
	}

	public String payloadAsString() {
		return new String(this.payload, StandardCharsets.UTF_8);
	}

}
