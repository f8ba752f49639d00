package dev.turnpike.gateway.config;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.swagger.v3.oas.models.PathItem;

import dev.turnpike.gateway.config.model.ApiType;
import dev.turnpike.gateway.config.model.Integration;
import dev.turnpike.gateway.config.model.IntegrationType;

/**
 * What makes a document an HTTP API, and what an HTTP API may not ask for. An HTTP API is
 * recognised by what {@code aws apigatewayv2 export-api} writes
 * ({@code x-amazon-apigateway-importexport-version: "1.0"}) or by Turnpike's explicit
 * {@code x-turnpike-api-type: http}. REST API features an HTTP API asks for (API keys,
 * mapping templates, gateway responses, request validation, resource policies) are
 * refused at load rather than ignored: AWS has no such thing for HTTP APIs, and a
 * document asking for it expects something Turnpike would not do.
 */
final class HttpApiRules {

	static final String IMPORT_EXPORT_VERSION = "x-amazon-apigateway-importexport-version";

	/** Turnpike's explicit API type: {@code rest} or {@code http}. */
	static final String API_TYPE = "x-turnpike-api-type";

	/** The path AWS's export writes the {@code $default} route under. */
	static final String DEFAULT_ROUTE_PATH = "/$default";

	/** The key AWS's export marks the {@code $default} route's ANY method with. */
	static final String IS_DEFAULT_ROUTE = "isDefaultRoute";

	/** Root extensions only REST APIs have, with what an HTTP API does instead. */
	private static final Map<String, String> REST_ONLY_ROOT = restOnlyRoot();

	private HttpApiRules() {
	}

	private static Map<String, String> restOnlyRoot() {
		Map<String, String> rules = new LinkedHashMap<>();
		rules.put(OpenApiReader.API_KEY_SOURCE, "HTTP APIs have no API keys or usage plans");
		rules.put(OpenApiReader.GATEWAY_RESPONSES, "HTTP APIs answer errors with fixed bodies");
		rules.put(OpenApiReader.POLICY, "HTTP APIs have no resource policies");
		rules.put(OpenApiReader.BINARY_MEDIA_TYPES,
				"HTTP APIs pass bodies through and base64-encode binary ones in Lambda events themselves");
		return rules;
	}

	/** Where HTTP APIs may keep integrations that several routes share. */
	static final String INTEGRATIONS = "x-amazon-apigateway-integrations";

	private static final String INTEGRATION_REF = "#/components/" + INTEGRATIONS + "/";

	/**
	 * Replaces each route's {@code x-amazon-apigateway-integration: {$ref:
	 * "#/components/x-amazon-apigateway-integrations/<name>"}} with that integration, as
	 * AWS does for HTTP APIs (only local references; nothing is fetched). In a REST API
	 * such a reference is refused, as AWS refuses it.
	 */
	@SuppressWarnings("unchecked")
	static void inlineIntegrations(String file, io.swagger.v3.oas.models.OpenAPI openApi, ApiType type,
			Problems problems) {
		Map<String, Object> components = (openApi.getComponents() != null
				&& openApi.getComponents().getExtensions() != null) ? openApi.getComponents().getExtensions()
						: Map.of();
		Object shared = components.get(INTEGRATIONS);
		if (shared != null && type != ApiType.HTTP) {
			problems.error(file, "components." + INTEGRATIONS,
					"shared integrations are an HTTP API feature; a REST API declares each method's integration");
			return;
		}
		Map<String, Object> integrations = (shared instanceof Map<?, ?> map) ? (Map<String, Object>) map : Map.of();
		openApi.getPaths().forEach((path, item) -> {
			item.readOperationsMap()
				.forEach((method, operation) -> inline(file,
						"paths." + path + "." + method.name().toLowerCase(Locale.ROOT), operation.getExtensions(),
						integrations, problems));
			Object any = (item.getExtensions() != null) ? item.getExtensions().get(OpenApiReader.ANY_METHOD) : null;
			if (any instanceof Map<?, ?> anyMap) {
				inline(file, "paths." + path + "." + OpenApiReader.ANY_METHOD, (Map<String, Object>) anyMap,
						integrations, problems);
			}
		});
	}

	private static void inline(String file, String location, Map<String, Object> extensions,
			Map<String, Object> integrations, Problems problems) {
		Object integration = (extensions != null) ? extensions.get(OpenApiReader.INTEGRATION) : null;
		if (!(integration instanceof Map<?, ?> map) || !map.containsKey("$ref")) {
			return;
		}
		String ref = String.valueOf(map.get("$ref"));
		Object target = ref.startsWith(INTEGRATION_REF) ? integrations.get(ref.substring(INTEGRATION_REF.length()))
				: null;
		if (target == null) {
			problems.error(file, location + "." + OpenApiReader.INTEGRATION + ".$ref",
					"'" + ref + "' names no integration under components." + INTEGRATIONS);
			return;
		}
		extensions.put(OpenApiReader.INTEGRATION, target);
	}

	/** The document's API type; REST unless it says otherwise. */
	static ApiType typeOf(String file, Map<String, Object> extensions, Problems problems) {
		Object explicit = extensions.get(API_TYPE);
		if (explicit != null) {
			String text = String.valueOf(explicit).trim().toLowerCase(Locale.ROOT);
			switch (text) {
				case "http":
					return ApiType.HTTP;
				case "rest":
					return ApiType.REST;
				default:
					problems.error(file, API_TYPE, "'" + explicit + "' is not an API type (rest or http)");
					return ApiType.REST;
			}
		}
		Object version = extensions.get(IMPORT_EXPORT_VERSION);
		if (version == null) {
			return ApiType.REST;
		}
		if ("1.0".equals(String.valueOf(version).trim())) {
			return ApiType.HTTP;
		}
		problems.error(file, IMPORT_EXPORT_VERSION,
				"'" + version + "' is not an export version API Gateway writes (\"1.0\", which marks an HTTP API)");
		return ApiType.REST;
	}

	static void checkRoot(String file, Map<String, Object> extensions, Problems problems) {
		REST_ONLY_ROOT.forEach((name, instead) -> {
			if (extensions.containsKey(name)) {
				problems.error(file, name, "is a REST API feature; this document is an HTTP API (" + instead + ")");
			}
		});
	}

	/**
	 * The {@code /$default} path item's ANY method: AWS's export writes the
	 * {@code $default} route as {@code x-amazon-apigateway-any-method} and nothing else.
	 */
	static Optional<Object> defaultRoute(String file, PathItem item, Problems problems) {
		String location = "paths." + DEFAULT_ROUTE_PATH;
		if (!item.readOperationsMap().isEmpty()) {
			problems.error(file, location, "the $default route matches every method: declare it only with "
					+ OpenApiReader.ANY_METHOD + ", not with " + item.readOperationsMap().keySet());
			return Optional.empty();
		}
		Object any = (item.getExtensions() != null) ? item.getExtensions().get(OpenApiReader.ANY_METHOD) : null;
		if (any == null) {
			problems.error(file, location, "the $default route needs an " + OpenApiReader.ANY_METHOD + " operation");
			return Optional.empty();
		}
		return Optional.of(any);
	}

	/**
	 * One route of an HTTP API: what it may integrate with and what it may not ask for.
	 */
	static void checkMethod(String file, String location, ConfigNode integrationNode, Integration integration,
			boolean apiKeyRequired, Problems problems) {
		if (integration.type() != IntegrationType.HTTP_PROXY && integration.type() != IntegrationType.AWS_PROXY) {
			integrationNode.get("type")
				.error("'" + integration.type().configName() + "' is a REST API integration type; an HTTP API route"
						+ " integrates with http_proxy or aws_proxy (Lambda)");
		}
		if (!integration.requestTemplates().isEmpty()) {
			integrationNode.get("requestTemplates")
				.error("mapping templates (VTL) are a REST API feature; HTTP APIs do not transform bodies");
		}
		if (!integration.responses().isEmpty()) {
			integrationNode.get("responses")
				.error("integration responses are a REST API feature; HTTP APIs pass the backend's answer through");
		}
		if (apiKeyRequired) {
			problems.error(file, location + ".security",
					"requires an API key; HTTP APIs have no API keys or usage plans (throttle with the stage's"
							+ " throttling instead)");
		}
	}

}
