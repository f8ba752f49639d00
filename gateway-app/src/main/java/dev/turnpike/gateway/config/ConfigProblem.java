package dev.turnpike.gateway.config;

/**
 * One thing wrong (or worth a warning) in a config repo, located by file and field so the
 * author can go straight to it.
 *
 * @param file the file, relative to the config repo root (for example
 * {@code apis/petstore/openapi.yaml})
 * @param field a dotted path to the field inside the file (for example
 * {@code paths./pets.get.x-amazon-apigateway-integration.type}), or empty for the whole
 * file
 * @param message what is wrong, naming the offending value
 */
public record ConfigProblem(String file, String field, String message) {

	@Override
	public String toString() {
		return this.field.isEmpty() ? this.file + ": " + this.message
				: this.file + ": " + this.field + ": " + this.message;
	}

}
