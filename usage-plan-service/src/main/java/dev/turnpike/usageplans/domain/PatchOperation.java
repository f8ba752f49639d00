package dev.turnpike.usageplans.domain;

/**
 * One AWS {@code PatchOperation}: {@code op} on the JSON-Pointer {@code path} (with {@code ~1} for {@code /}
 * inside a segment), with a string {@code value}.
 */
public record PatchOperation(String op, String path, String value, String from) {

	public boolean is(String operation) {
		return operation.equalsIgnoreCase(this.op);
	}

	/** The value, which must be present. */
	public String requiredValue() {
		if (this.value == null) {
			throw ApiException.badRequest("Invalid patch operation: " + this.op + " " + this.path + " needs a value");
		}
		return this.value;
	}

	public ApiException unsupported() {
		return ApiException.badRequest("Invalid patch operation: '" + this.op + " " + this.path + "' is not supported");
	}

	static String unescape(String segment) {
		return segment.replace("~1", "/").replace("~0", "~");
	}

}
