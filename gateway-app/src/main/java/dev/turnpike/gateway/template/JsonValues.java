package dev.turnpike.gateway.template;

/**
 * JSONPath lookups for parameter mappings ({@code method.request.body.a.b},
 * {@code integration.response.body.x}): a string as itself, anything else as JSON text,
 * nothing when the body is not JSON or the path finds nothing.
 */
public final class JsonValues {

	private JsonValues() {
	}

	/**
	 * @param path a JSONPath with or without the leading {@code $.} ({@code a.b[0]} as in
	 * mapping expressions)
	 */
	public static String read(String json, String path) {
		if (json == null) {
			return null;
		}
		String expression = path.startsWith("$") ? path : "$." + path;
		Object value = Json.read(Json.parseDocument(json), expression);
		if (value == null) {
			return null;
		}
		return (value instanceof String text) ? text : Json.write(value);
	}

}
