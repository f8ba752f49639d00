package dev.turnpike.gateway.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import dev.turnpike.gateway.config.model.BasePathMapping;

/**
 * Reads {@code gateway.yaml}: gateway-wide settings. Custom domain names map base paths
 * to API stages:
 *
 * <pre>
 * domains:
 *   api.example.com:
 *     (none): petstore/prod     # the root of the domain
 *     v2: petstore/dev
 * </pre>
 */
final class GatewayFileReader {

	static final String FILE = "gateway.yaml";

	private static final Set<String> KEYS = Set.of("domains");

	private static final Pattern DOMAIN = Pattern
		.compile("(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");

	private static final Pattern BASE_PATH = Pattern.compile("[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*");

	private static final Pattern TARGET = Pattern.compile("([^/]+)/([^/]+)");

	private GatewayFileReader() {
	}

	static List<BasePathMapping> read(ConfigNode root) {
		List<BasePathMapping> mappings = new ArrayList<>();
		if (root.isMissing()) {
			return mappings;
		}
		if (!root.isMap()) {
			root.error("must be a map of gateway settings");
			return mappings;
		}
		root.rejectUnknownKeys(KEYS);
		root.get("domains").entries().forEach((domainName, paths) -> {
			String domain = domainName.toLowerCase(Locale.ROOT);
			if (!DOMAIN.matcher(domain).matches()) {
				paths.error("'" + domainName + "' is not a valid domain name");
				return;
			}
			paths.entries().forEach((basePath, target) -> readMapping(domain, basePath, target, mappings));
		});
		return mappings;
	}

	private static void readMapping(String domain, String rawBasePath, ConfigNode target, List<BasePathMapping> into) {
		String basePath = normalizeBasePath(rawBasePath);
		if (basePath == null) {
			target.error("'" + rawBasePath + "' is not a valid base path (use (none) for the root, or segments of"
					+ " A-Z a-z 0-9 . _ -)");
			return;
		}
		String text = target.requiredText();
		if (text == null) {
			return;
		}
		var matcher = TARGET.matcher(text.trim());
		if (!matcher.matches()) {
			target.error("'" + text + "' must name an API stage as <api-id>/<stage>");
			return;
		}
		into.add(new BasePathMapping(domain, basePath, matcher.group(1), matcher.group(2)));
	}

	static String normalizeBasePath(String raw) {
		String path = raw.trim();
		if (path.equals("(none)") || path.equals("/") || path.isEmpty()) {
			return "";
		}
		path = path.replaceAll("^/+|/+$", "");
		return BASE_PATH.matcher(path).matches() ? path : null;
	}

}
