package dev.turnpike.usageplans.domain;

/** Strict parsing of numeric strings (patch values are strings). */
final class Numbers {

	private Numbers() {
	}

	static int integer(String value, String field) {
		try {
			return Integer.parseInt(value.trim());
		}
		catch (NumberFormatException ex) {
			throw ApiException.badRequest(field + ": '" + value + "' is not a whole number");
		}
	}

	static double decimal(String value, String field) {
		try {
			double number = Double.parseDouble(value.trim());
			if (Double.isNaN(number) || Double.isInfinite(number)) {
				throw new NumberFormatException();
			}
			return number;
		}
		catch (NumberFormatException ex) {
			throw ApiException.badRequest(field + ": '" + value + "' is not a number");
		}
	}

}
