package dev.turnpike.usageplans.domain;

/** Strict parsing of boolean strings (patch values and CSV cells are strings). */
final class Booleans {

	private Booleans() {
	}

	static boolean parse(String value, String field) {
		if ("true".equalsIgnoreCase(value.trim())) {
			return true;
		}
		if ("false".equalsIgnoreCase(value.trim())) {
			return false;
		}
		throw ApiException.badRequest(field + ": '" + value + "' is not true or false");
	}

}
