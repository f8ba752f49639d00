package dev.turnpike.gateway.cors;

import java.util.List;
import java.util.Locale;

/**
 * One API's CORS configuration, with AWS's meaning of each field.
 *
 * @param allowOrigins origins allowed to call: exact ({@code https://www.example.com}),
 * {@code *} for every origin, or a scheme with {@code *} ({@code https://*})
 * @param allowMethods methods a preflight allows, or {@code *}
 * @param allowHeaders request headers a preflight allows
 * @param exposeHeaders response headers the browser may read
 * @param maxAge seconds a browser may keep a preflight answer ({@code -1} disables
 * caching), or {@code null} for no header
 * @param allowCredentials whether requests with credentials are allowed
 */
public record CorsSettings(List<String> allowOrigins, List<String> allowMethods, List<String> allowHeaders,
		List<String> exposeHeaders, Integer maxAge, boolean allowCredentials) {

	/**
	 * The {@code Access-Control-Allow-Origin} value for a request from {@code origin}, or
	 * {@code null} when the origin is not allowed.
	 */
	String allowOriginFor(String origin) {
		for (String allowed : this.allowOrigins) {
			if (allowed.equals("*")) {
				return this.allowCredentials ? origin : "*";
			}
			if (allowed.endsWith("://*")) {
				String scheme = allowed.substring(0, allowed.length() - 1);
				if (origin.regionMatches(true, 0, scheme, 0, scheme.length()) && origin.length() > scheme.length()) {
					return origin;
				}
			}
			else if (allowed.equalsIgnoreCase(origin)) {
				return origin;
			}
		}
		return null;
	}

	/** Whether a preflight asking for {@code method} is allowed. */
	boolean allowsMethod(String method) {
		String upper = method.trim().toUpperCase(Locale.ROOT);
		return this.allowMethods.stream().anyMatch(allowed -> allowed.equals("*") || allowed.equalsIgnoreCase(upper));
	}

}
