package dev.turnpike.gateway.validation;

import java.util.Map;

import com.networknt.schema.Schema;

/**
 * What a method's request validator checks
 * ({@code x-amazon-apigateway-request-validator}).
 *
 * @param validator the validator's name
 * @param validateBody whether the body is checked against the model for its Content-Type
 * @param validateParameters whether the method's required parameters must be present and
 * non-blank
 * @param models content type → the body's model (JSON Schema draft 4)
 */
public record RequestValidation(String validator, boolean validateBody, boolean validateParameters,
		Map<String, Model> models) {

	/** A compiled model. */
	public record Model(String name, Schema schema) {
	}

}
