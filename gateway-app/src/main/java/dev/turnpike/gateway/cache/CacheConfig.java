package dev.turnpike.gateway.cache;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.turnpike.gateway.config.AwsExtensions;
import dev.turnpike.gateway.config.ConfigNode;
import dev.turnpike.gateway.config.FeatureConfig;
import dev.turnpike.gateway.config.MethodDeclaration;
import dev.turnpike.gateway.config.Problems;
import dev.turnpike.gateway.config.model.Api;
import dev.turnpike.gateway.config.model.ApiMethod;
import dev.turnpike.gateway.config.model.FeatureSettings;
import dev.turnpike.gateway.config.model.MethodParameter;
import dev.turnpike.gateway.config.model.RequestLocation;

/**
 * Reads the cache settings: in a stage file
 *
 * <pre>
 * cacheClusterEnabled: true
 * cacheClusterSize: 0.5                  # AWS's sizes, GB
 * caching:                               # AWS's method settings: "*&#47;*" for every method, or one method
 *   "*&#47;*": {cacheTtlInSeconds: 300, cacheDataEncrypted: false, requireAuthorizationForCacheControl: true,
 *            unauthorizedCacheControlHeaderStrategy: SUCCEED_WITH_RESPONSE_HEADER}
 *   /pets/GET: {cacheTtlInSeconds: 60}
 *   /orders/POST: {cachingEnabled: true}
 * </pre>
 *
 * and, in the API document, {@code cacheNamespace} and {@code cacheKeyParameters} of each
 * method's {@code x-amazon-apigateway-integration}.
 */
public final class CacheConfig implements FeatureConfig {

	static final FeatureSettings.Key<CacheSettings.Stage> STAGE = new FeatureSettings.Key<>("cache",
			CacheSettings.Stage.class);

	static final FeatureSettings.Key<CacheSettings.Key> METHOD = new FeatureSettings.Key<>("cache-key",
			CacheSettings.Key.class);

	private static final Pattern METHOD_KEY = Pattern.compile("/.*/(GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS|ANY)");

	private static final Pattern PARAMETER = Pattern.compile("method\\.request\\.(querystring|header|path)\\.(.+)");

	private static final Set<String> METHOD_SETTINGS = Set.of("cachingEnabled", "cacheTtlInSeconds",
			"cacheDataEncrypted", "requireAuthorizationForCacheControl", "unauthorizedCacheControlHeaderStrategy");

	@Override
	public Set<String> stageKeys() {
		return Set.of("cacheClusterEnabled", "cacheClusterSize", "caching");
	}

	@Override
	public List<AwsExtensions.Extension> extensions() {
		return List.of(new AwsExtensions.Extension("cacheNamespace", AwsExtensions.Where.INTEGRATION,
				AwsExtensions.Handling.READ, "methods sharing a namespace share cache entries (default: the resource)"),
				new AwsExtensions.Extension("cacheKeyParameters", AwsExtensions.Where.INTEGRATION,
						AwsExtensions.Handling.READ, "request parameters whose values are part of the cache key"));
	}

	@Override
	public void readStage(ConfigNode stageFile, FeatureSettings.Builder settings) {
		ConfigNode enabled = stageFile.get("cacheClusterEnabled");
		ConfigNode size = stageFile.get("cacheClusterSize");
		ConfigNode caching = stageFile.get("caching");
		if (enabled.isMissing() && size.isMissing() && caching.isMissing()) {
			return;
		}
		String sizeGb = "0.5";
		if (!size.isMissing()) {
			String text = size.text();
			if (text != null && !CacheSettings.SIZES.contains(text.trim())) {
				size.error("'" + text + "' is not a cache size AWS offers (" + String.join(", ", CacheSettings.SIZES)
						+ " GB)");
			}
			else if (text != null) {
				sizeGb = text.trim();
			}
		}
		Holder all = new Holder();
		Map<String, CacheSettings.MethodSettings> methods = new LinkedHashMap<>();
		if (!caching.isMissing() && !caching.isMap()) {
			caching.error("must map \"*/*\" or <resourcePath>/<METHOD> (such as /pets/GET) to method settings");
		}
		caching.entries().forEach((methodKey, node) -> {
			if ("*/*".equals(methodKey)) {
				all.value = readMethodSettings(node);
			}
			else if (!METHOD_KEY.matcher(methodKey).matches()) {
				node.error("'" + methodKey
						+ "' is not \"*/*\" or a method key (<resourcePath>/<METHOD>, such as /pets/GET)");
			}
			else {
				methods.put(methodKey, readMethodSettings(node));
			}
		});
		settings.put(STAGE,
				new CacheSettings.Stage(Boolean.TRUE.equals(enabled.bool()), sizeGb, all.value, Map.copyOf(methods)));
	}

	/** A holder the lambda above can write to. */
	private static final class Holder {

		CacheSettings.MethodSettings value = CacheSettings.MethodSettings.UNSET;

	}

	private static CacheSettings.MethodSettings readMethodSettings(ConfigNode node) {
		if (!node.isMap()) {
			node.error("must be a map of method settings ("
					+ String.join(", ", METHOD_SETTINGS.stream().sorted().toList()) + ")");
			return CacheSettings.MethodSettings.UNSET;
		}
		node.rejectUnknownKeys(METHOD_SETTINGS);
		Integer ttl = node.get("cacheTtlInSeconds").integer(0, CacheSettings.MAX_TTL_SECONDS);
		ConfigNode strategyNode = node.get("unauthorizedCacheControlHeaderStrategy");
		CacheSettings.UnauthorizedStrategy strategy = null;
		String text = strategyNode.text();
		if (text != null) {
			try {
				strategy = CacheSettings.UnauthorizedStrategy.parse(text);
			}
			catch (IllegalArgumentException ex) {
				strategyNode.error("'" + text + "' is not FAIL_WITH_403, SUCCEED_WITH_RESPONSE_HEADER or"
						+ " SUCCEED_WITHOUT_RESPONSE_HEADER");
			}
		}
		return new CacheSettings.MethodSettings(node.get("cachingEnabled").bool(), ttl,
				node.get("cacheDataEncrypted").bool(), node.get("requireAuthorizationForCacheControl").bool(),
				strategy);
	}

	@Override
	public void readMethod(MethodDeclaration method, FeatureSettings.Builder settings) {
		ConfigNode integration = method.integration();
		ConfigNode namespaceNode = integration.get("cacheNamespace");
		String namespace = namespaceNode.text();
		List<CacheSettings.KeyParameter> parameters = new ArrayList<>();
		for (ConfigNode item : integration.get("cacheKeyParameters").items()) {
			String text = item.text();
			Matcher matcher = (text != null) ? PARAMETER.matcher(text.trim()) : null;
			if (matcher == null || !matcher.matches()) {
				item.error("'" + text + "' is not method.request.querystring.<name>, method.request.header.<name> or"
						+ " method.request.path.<name>");
				continue;
			}
			CacheSettings.Source source = switch (matcher.group(1)) {
				case "querystring" -> CacheSettings.Source.QUERYSTRING;
				case "header" -> CacheSettings.Source.HEADER;
				default -> CacheSettings.Source.PATH;
			};
			String name = matcher.group(2);
			if (!declares(method.parameters(), source, name) && !isPathVariable(method.resourcePath(), source, name)) {
				item.error("'" + text + "' is not a request parameter of the method; declare it in the operation's"
						+ " parameters, as AWS requires");
				continue;
			}
			parameters.add(new CacheSettings.KeyParameter(source, name));
		}
		if (namespace != null || !parameters.isEmpty()) {
			settings.put(METHOD, new CacheSettings.Key(namespace, List.copyOf(parameters)));
		}
	}

	private static boolean declares(List<MethodParameter> parameters, CacheSettings.Source source, String name) {
		RequestLocation location = switch (source) {
			case QUERYSTRING -> RequestLocation.QUERYSTRING;
			case HEADER -> RequestLocation.HEADER;
			case PATH -> RequestLocation.PATH;
		};
		return parameters.stream()
			.anyMatch(parameter -> parameter.location() == location && (source == CacheSettings.Source.HEADER
					? parameter.name().equalsIgnoreCase(name) : parameter.name().equals(name)));
	}

	private static boolean isPathVariable(String resourcePath, CacheSettings.Source source, String name) {
		return source == CacheSettings.Source.PATH
				&& (resourcePath.contains("{" + name + "}") || resourcePath.contains("{" + name + "+}"));
	}

	/**
	 * Per-method settings naming a method the API does not have are warned about: they
	 * would do nothing.
	 */
	@Override
	public void check(Api api, dev.turnpike.gateway.config.model.Stage stage, Problems problems) {
		CacheSettings.Stage cache = stage.features().get(STAGE);
		if (cache == null) {
			return;
		}
		if (api.isHttpApi() && cache.enabled()) {
			problems.error(stage.file(), "cacheClusterEnabled",
					"API caching is a REST API feature; " + api.file() + " is an HTTP API, which AWS does not cache");
			return;
		}
		Set<String> known = new java.util.HashSet<>();
		for (ApiMethod method : api.methods()) {
			known.add(method.methodKey());
		}
		cache.methods()
			.keySet()
			.stream()
			.filter(key -> !known.contains(key))
			.forEach(key -> problems.warn(stage.file(), "caching." + key,
					"names no method of " + api.file() + "; the setting does nothing"));
		if (!cache.enabled() && !cache.methods().isEmpty()) {
			problems.warn(stage.file(), "caching", "cacheClusterEnabled is not true, so nothing is cached");
		}
	}

}
