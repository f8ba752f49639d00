package dev.turnpike.gateway.template;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code $input} in mapping templates: the payload ({@code body}, {@code json(path)},
 * {@code path(path)}) and the method request's parameters ({@code params()},
 * {@code params(name)}). The body is parsed as JSON once, on first use.
 */
public final class InputVariable {

	private final String body;

	private final Map<String, String> path;

	private final Map<String, String> querystring;

	private final Map<String, String> header;

	private Object document;

	/**
	 * @param body the payload as text; an empty payload is {@code {}}, as on AWS
	 * @param path path parameters, decoded
	 * @param querystring query parameters (the last value of each)
	 * @param header headers (the last value of each)
	 */
	public InputVariable(String body, Map<String, String> path, Map<String, String> querystring,
			Map<String, String> header) {
		this.body = (body == null || body.isEmpty()) ? "{}" : body;
		this.path = path;
		this.querystring = querystring;
		this.header = header;
	}

	public String getBody() {
		return this.body;
	}

	private Object document() {
		if (this.document == null) {
			this.document = Json.parseDocument(this.body);
		}
		return this.document;
	}

	/** The JSONPath expression's result as JSON text ({@code $input.json('$.pets')}). */
	public String json(String path) {
		Object value = Json.read(document(), path);
		return (value != null) ? Json.write(value) : "";
	}

	/**
	 * The JSONPath expression's result as an object to use in the template
	 * ({@code $input.path('$.pets').size()}).
	 */
	public Object path(String path) {
		return Json.read(document(), path);
	}

	/** {@code {path: {...}, querystring: {...}, header: {...}}}. */
	public Map<String, Map<String, String>> params() {
		Map<String, Map<String, String>> params = new LinkedHashMap<>();
		params.put("path", this.path);
		params.put("querystring", this.querystring);
		params.put("header", this.header);
		return params;
	}

	/**
	 * The named parameter, looked up in the path, then the query string, then the
	 * headers; empty when absent.
	 */
	public String params(String name) {
		if (name == null) {
			return "";
		}
		String value = this.path.get(name);
		if (value == null) {
			value = this.querystring.get(name);
		}
		if (value == null) {
			value = headerIgnoringCase(name);
		}
		return (value != null) ? value : "";
	}

	private String headerIgnoringCase(String name) {
		String exact = this.header.get(name);
		if (exact != null) {
			return exact;
		}
		for (Map.Entry<String, String> entry : this.header.entrySet()) {
			if (entry.getKey().equalsIgnoreCase(name)) {
				return entry.getValue();
			}
		}
		return null;
	}

}
