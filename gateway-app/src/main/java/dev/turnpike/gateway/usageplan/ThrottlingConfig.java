package dev.turnpike.gateway.usageplan;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import dev.turnpike.gateway.config.ConfigNode;
import dev.turnpike.gateway.config.FeatureConfig;
import dev.turnpike.gateway.config.Problems;
import dev.turnpike.gateway.config.model.Api;
import dev.turnpike.gateway.config.model.FeatureSettings;
import dev.turnpike.gateway.config.model.Stage;
import dev.turnpike.usageplans.core.ThrottleSettings;

/**
 * A stage file's {@code throttling}: the stage's shared bucket, per-method buckets (AWS's
 * stage and method throttling) and, for HTTP APIs, per-route buckets (AWS's
 * {@code DefaultRouteSettings} and {@code RouteSettings}). Read here, by the usage-plan
 * feature that enforces it.
 */
public final class ThrottlingConfig implements FeatureConfig {

	static final FeatureSettings.Key<StageThrottling> STAGE = new FeatureSettings.Key<>("throttling",
			StageThrottling.class);

	private static final Pattern ROUTE_KEY = Pattern
		.compile("\\$default|(GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS|ANY) /\\S*");

	private static final Pattern METHOD_KEY = Pattern.compile("/.*/(GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS|ANY)");

	private static final Set<String> THROTTLE_KEYS = Set.of("rateLimit", "burstLimit");

	@Override
	public Set<String> stageKeys() {
		return Set.of("throttling");
	}

	@Override
	public void readStage(ConfigNode stageFile, FeatureSettings.Builder settings) {
		StageThrottling throttling = readThrottling(stageFile.get("throttling"));
		if (throttling != null) {
			settings.put(STAGE, throttling);
		}
	}

	/** A stage's route throttles: HTTP APIs only, and each naming a route the API has. */
	@Override
	public void check(Api api, Stage stage, Problems problems) {
		StageThrottling throttling = stage.features().get(STAGE);
		if (throttling == null) {
			return;
		}
		if (!api.isHttpApi()) {
			if (!throttling.routes().isEmpty() || throttling.defaultRoute() != null) {
				problems.error(stage.file(), "throttling", "routes and defaultRoute throttle an HTTP API's routes; "
						+ api.file() + " is a REST API, whose methods are throttled under throttling.methods");
			}
			return;
		}
		Set<String> routeKeys = new HashSet<>();
		api.methods().forEach(method -> routeKeys.add(method.routeKey()));
		throttling.routes()
			.keySet()
			.stream()
			.filter(key -> !routeKeys.contains(key))
			.forEach(key -> problems.warn(stage.file(), "throttling.routes." + key,
					"names no route of " + api.file() + "; the throttle does nothing"));
	}

	/**
	 * {@code throttling: {rateLimit, burstLimit, methods: {"/pets/GET": {rateLimit,
	 * burstLimit}}}}.
	 */
	static StageThrottling readThrottling(ConfigNode node) {
		if (node.isMissing()) {
			return null;
		}
		if (!node.isMap()) {
			node.error("must be a map with rateLimit, burstLimit, methods, routes and defaultRoute");
			return null;
		}
		node.rejectUnknownKeys(Set.of("rateLimit", "burstLimit", "methods", "routes", "defaultRoute"));
		ThrottleSettings stage = (node.get("rateLimit").isMissing() && node.get("burstLimit").isMissing()) ? null
				: readThrottle(node);
		Map<String, ThrottleSettings> methods = new LinkedHashMap<>();
		node.get("methods").entries().forEach((methodKey, throttle) -> {
			if (!METHOD_KEY.matcher(methodKey).matches()) {
				throttle.error("'" + methodKey
						+ "' is not a method key (expected <resourcePath>/<METHOD>, such as /pets/GET)");
				return;
			}
			throttle.rejectUnknownKeys(THROTTLE_KEYS);
			ThrottleSettings settings = readThrottle(throttle);
			if (settings != null) {
				methods.put(methodKey, settings);
			}
		});
		Map<String, ThrottleSettings> routes = new LinkedHashMap<>();
		node.get("routes").entries().forEach((routeKey, throttle) -> {
			if (!ROUTE_KEY.matcher(routeKey).matches()) {
				throttle.error("'" + routeKey + "' is not a route key (METHOD /path, such as GET /pets, or $default)");
				return;
			}
			throttle.rejectUnknownKeys(THROTTLE_KEYS);
			ThrottleSettings settings = readThrottle(throttle);
			if (settings != null) {
				routes.put(routeKey, settings);
			}
		});
		ConfigNode defaultNode = node.get("defaultRoute");
		ThrottleSettings defaultRoute = null;
		if (!defaultNode.isMissing()) {
			defaultNode.rejectUnknownKeys(THROTTLE_KEYS);
			defaultRoute = readThrottle(defaultNode);
		}
		return new StageThrottling(stage, methods, routes, defaultRoute);
	}

	private static ThrottleSettings readThrottle(ConfigNode node) {
		Double rate = decimal(node.get("rateLimit"));
		Integer burst = node.get("burstLimit").integer(0, Integer.MAX_VALUE);
		if (node.get("rateLimit").isMissing() || node.get("burstLimit").isMissing()) {
			node.error("a throttle needs both rateLimit and burstLimit");
			return null;
		}
		if (rate != null && burst != null && burst < rate) {
			node.get("burstLimit")
				.error(burst + " is below the rateLimit " + rate + "; the burst must be at least the rate");
			return null;
		}
		return (rate != null && burst != null) ? new ThrottleSettings(rate, burst) : null;
	}

	private static Double decimal(ConfigNode node) {
		String text = node.text();
		if (text == null) {
			return null;
		}
		try {
			double value = Double.parseDouble(text);
			if (value < 0 || Double.isNaN(value) || Double.isInfinite(value)) {
				node.error("must be zero or more, not " + text);
				return null;
			}
			return value;
		}
		catch (NumberFormatException ex) {
			node.error("must be a number, not '" + text + "'");
			return null;
		}
	}

}
