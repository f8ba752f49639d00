package dev.turnpike.gateway.cors;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import dev.turnpike.gateway.config.ApiDeclaration;
import dev.turnpike.gateway.config.AwsExtensions;
import dev.turnpike.gateway.config.ConfigNode;
import dev.turnpike.gateway.config.FeatureConfig;
import dev.turnpike.gateway.config.model.ApiType;
import dev.turnpike.gateway.config.model.FeatureSettings;

/**
 * Reads an API's CORS configuration: {@code x-amazon-apigateway-cors} on an HTTP API, as
 * AWS exports it, and the same block as {@code x-turnpike-cors} on a REST API (AWS has no
 * such thing for REST APIs; this is Turnpike's, so REST users need no hand-written
 * OPTIONS mocks). Checked as AWS checks a {@code Cors} object.
 */
public final class CorsConfig implements FeatureConfig {

	public static final FeatureSettings.Key<CorsSettings> API = new FeatureSettings.Key<>("cors", CorsSettings.class);

	static final String AWS_CORS = "x-amazon-apigateway-cors";

	static final String TURNPIKE_CORS = "x-turnpike-cors";

	private static final Set<String> KEYS = Set.of("allowOrigins", "allowMethods", "allowHeaders", "exposeHeaders",
			"maxAge", "allowCredentials");

	private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "*");

	/** {@code *}, a scheme with {@code *}, or a scheme, host and optional port. */
	private static final Pattern ORIGIN = Pattern.compile("\\*|[a-z][a-z0-9+.-]*://(\\*|[^/*\\s]+(:[0-9]{1,5})?)",
			Pattern.CASE_INSENSITIVE);

	private static final Pattern HEADER = Pattern.compile("\\*|[!#$%&'*+.^_`|~0-9A-Za-z-]+");

	@Override
	public List<AwsExtensions.Extension> extensions() {
		return List.of(new AwsExtensions.Extension(AWS_CORS, AwsExtensions.Where.ROOT, AwsExtensions.Handling.READ,
				"HTTP API CORS configuration: preflights answered, headers on every answer (REST APIs: warned and"
						+ " not applied; Turnpike's x-turnpike-cors takes the same block)"));
	}

	@Override
	public void readApi(ApiDeclaration api, FeatureSettings.Builder settings) {
		ConfigNode aws = api.extension(AWS_CORS);
		ConfigNode turnpike = api.extension(TURNPIKE_CORS);
		ConfigNode node;
		if (api.type() == ApiType.HTTP) {
			if (!aws.isMissing() && !turnpike.isMissing()) {
				turnpike.error("an HTTP API takes its CORS configuration from " + AWS_CORS + "; keep one of the two");
				return;
			}
			node = aws.isMissing() ? turnpike : aws;
		}
		else {
			if (!aws.isMissing()) {
				aws.warn("is an HTTP API setting; not applied to a REST API (Turnpike reads the same block as "
						+ TURNPIKE_CORS + ")");
			}
			node = turnpike;
		}
		if (node.isMissing()) {
			return;
		}
		CorsSettings cors = read(node);
		if (cors != null) {
			settings.put(API, cors);
		}
	}

	private static CorsSettings read(ConfigNode node) {
		if (!node.isMap()) {
			node.error("must be an object (allowOrigins, allowMethods, allowHeaders, exposeHeaders, maxAge,"
					+ " allowCredentials)");
			return null;
		}
		node.rejectUnknownKeys(KEYS);
		List<String> origins = list(node.get("allowOrigins"), ORIGIN,
				"is not an origin (*, a scheme with *, or scheme://host[:port])");
		List<String> methods = list(node.get("allowMethods"), null, null);
		for (int i = 0; i < methods.size(); i++) {
			String method = methods.get(i).toUpperCase(Locale.ROOT);
			if (!METHODS.contains(method)) {
				node.get("allowMethods")
					.error("'" + methods.get(i) + "' is not an HTTP method API Gateway serves (GET,"
							+ " POST, PUT, DELETE, PATCH, HEAD, OPTIONS or *)");
			}
			methods.set(i, method);
		}
		List<String> headers = list(node.get("allowHeaders"), HEADER, "is not a header name (or *)");
		List<String> expose = list(node.get("exposeHeaders"), HEADER, "is not a header name (or *)");
		Integer maxAge = node.get("maxAge").isMissing() ? null : node.get("maxAge").integer(-1, 86400);
		boolean credentials = Boolean.TRUE.equals(node.get("allowCredentials").bool());
		if (credentials && origins.contains("*")) {
			node.get("allowCredentials")
				.error("is true with the origin '*', which AWS refuses (browsers never send credentials to '*'):"
						+ " name the origins");
		}
		return new CorsSettings(List.copyOf(origins), List.copyOf(methods), List.copyOf(headers), List.copyOf(expose),
				maxAge, credentials);
	}

	private static List<String> list(ConfigNode node, Pattern pattern, String mismatch) {
		List<String> values = new ArrayList<>();
		if (node.isMissing()) {
			return values;
		}
		for (ConfigNode item : node.items()) {
			String text = item.text();
			if (text == null || text.isBlank()) {
				item.error("must be a non-empty string");
				continue;
			}
			if (pattern != null && !pattern.matcher(text.trim()).matches()) {
				item.error("'" + text + "' " + mismatch);
				continue;
			}
			values.add(text.trim());
		}
		return values;
	}

}
