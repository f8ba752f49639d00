package dev.turnpike.gateway.config.model;

/**
 * The right-hand side of a parameter mapping ({@code requestParameters},
 * {@code responseParameters}, gateway response headers): where a value comes from.
 */
public sealed interface ValueExpression {

	/** {@code 'static value'}. */
	record Static(String value) implements ValueExpression {
	}

	/** {@code method.request.<location>.<name>}. */
	record MethodRequest(RequestLocation location, String name) implements ValueExpression {
	}

	/**
	 * {@code method.request.body} (whole body, {@code jsonPath} null) or
	 * {@code method.request.body.<path>}.
	 */
	record MethodRequestBody(String jsonPath) implements ValueExpression {
	}

	/** {@code stageVariables.<name>}. */
	record StageVariable(String name) implements ValueExpression {
	}

	/** {@code context.<name>} (dotted, for example {@code context.identity.sourceIp}). */
	record Context(String name) implements ValueExpression {
	}

	/**
	 * {@code integration.response.header.<name>} or
	 * {@code integration.response.multivalueheader.<name>}.
	 */
	record IntegrationResponseHeader(String name, boolean multiValue) implements ValueExpression {
	}

	/**
	 * {@code integration.response.body} (whole body) or
	 * {@code integration.response.body.<path>}.
	 */
	record IntegrationResponseBody(String jsonPath) implements ValueExpression {
	}

}
