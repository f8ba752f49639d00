package dev.turnpike.usageplans.domain;

/**
 * One AWS {@code PatchOperation}: {@code op} on the JSON-Pointer {@code path} (with
 * {@code ~1} for {@code /} inside a segment), with a string {@code value}.
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

	/** The value of a {@code replace} (any other op is refused). */
	public String replacedValue() {
		if (!is("replace")) {
			throw unsupported();
		}
		return requiredValue();
	}

	/** The value of an {@code add} or {@code replace} (any other op is refused). */
	public String addedOrReplacedValue() {
		if (!is("replace") && !is("add")) {
			throw unsupported();
		}
		return requiredValue();
	}

	public ApiException unsupported() {
		return ApiException.badRequest("Invalid patch operation: '" + this.op + " " + this.path + "' is not supported");
	}

	static String unescape(String segment) {
		return segment.replace("~1", "/").replace("~0", "~");
	}

}
