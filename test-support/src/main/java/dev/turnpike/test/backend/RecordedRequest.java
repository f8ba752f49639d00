package dev.turnpike.test.backend;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * One request as a {@link TestBackend} received it. Header names are lower-cased.
 *
 * @param method the HTTP method
 * @param path the raw (still percent-encoded) request path
 * @param rawQuery the raw query string, or {@code null} when there was none
 * @param headers every header, lower-cased names, values in arrival order
 * @param body the request body bytes (empty when there was none)
 */
public record RecordedRequest(String method, String path, String rawQuery, Map<String, List<String>> headers,
		byte[] body) {

	/** The first value of a header (case-insensitive name), or {@code null}. */
	public String header(String name) {
		List<String> values = this.headers.get(name.toLowerCase(java.util.Locale.ROOT));
		return (values == null || values.isEmpty()) ? null : values.get(0);
	}

	public String bodyAsString() {
		return new String(this.body, StandardCharsets.UTF_8);
	}

	/**
	 * Path plus {@code ?query} when there is one, as the backend saw it on the request
	 * line.
	 */
	public String pathAndQuery() {
		return (this.rawQuery == null) ? this.path : this.path + "?" + this.rawQuery;
	}

}
