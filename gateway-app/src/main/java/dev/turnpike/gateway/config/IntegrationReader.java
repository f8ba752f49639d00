package dev.turnpike.gateway.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import dev.turnpike.gateway.config.model.ApiType;
import dev.turnpike.gateway.config.model.Integration;
import dev.turnpike.gateway.config.model.IntegrationResponse;
import dev.turnpike.gateway.config.model.IntegrationType;
import dev.turnpike.gateway.config.model.ParameterMapping;
import dev.turnpike.gateway.config.model.PassthroughBehavior;
import dev.turnpike.gateway.config.model.RequestLocation;
import dev.turnpike.gateway.config.model.StageVariables;
import dev.turnpike.gateway.config.model.ValueExpression;
import dev.turnpike.gateway.lambda.FunctionRef;
import dev.turnpike.gateway.template.CompiledTemplate;
import dev.turnpike.gateway.template.TemplateException;

/** Reads and checks one {@code x-amazon-apigateway-integration} object. */
final class IntegrationReader {

	static final Set<String> HTTP_METHODS = Set.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "ANY");

	private static final Pattern REQUEST_TARGET = Pattern
		.compile("integration\\.request\\.(header|querystring|path)\\.(.+)");

	private static final Pattern RESPONSE_TARGET = Pattern.compile("method\\.response\\.header\\.(.+)");

	private final LoaderSettings settings;

	IntegrationReader(LoaderSettings settings) {
		this.settings = settings;
	}

	Integration read(ConfigNode node) {
		return read(node, ApiType.REST);
	}

	/**
	 * Reads an integration of an API of this type: HTTP APIs' Lambda proxy integrations
	 * default to payload 2.0, REST APIs' to 1.0.
	 */
	Integration read(ConfigNode node, ApiType apiType) {
		if (!node.isMap()) {
			node.error("must be an x-amazon-apigateway-integration object");
			return null;
		}
		warnAboutUnknownKeys(node);
		IntegrationType type = readType(node.get("type"));
		String uri = node.get("uri").text();
		String httpMethod = readHttpMethod(node.get("httpMethod"));
		if (type == IntegrationType.HTTP || type == IntegrationType.HTTP_PROXY) {
			checkHttpUri(node.get("uri"));
		}
		if (type == IntegrationType.AWS || type == IntegrationType.AWS_PROXY) {
			checkLambdaIntegration(node, uri, httpMethod);
		}
		List<ParameterMapping> requestParameters;
		if (apiType == ApiType.HTTP) {
			// An HTTP API's overwrite:/append:/remove: mappings are the parametermapping
			// feature's.
			requestParameters = List.of();
		}
		else {
			requestParameters = readRequestParameters(node.get("requestParameters"));
		}
		Map<String, CompiledTemplate> requestTemplates = compileTemplates(node.get("requestTemplates"));
		List<IntegrationResponse> responses = readResponses(node.get("responses"));
		PassthroughBehavior passthrough = readPassthrough(node.get("passthroughBehavior"));
		Integer timeout = node.get("timeoutInMillis").integer(50, this.settings.maxTimeoutMillis());
		String payloadFormat = readPayloadFormat(node.get("payloadFormatVersion"), type,
				(apiType == ApiType.HTTP && type == IntegrationType.AWS_PROXY) ? "2.0" : "1.0");
		String contentHandling = readContentHandling(node.get("contentHandling"));
		if (type == null) {
			return null;
		}
		return new Integration(type, uri, httpMethod, requestParameters, requestTemplates, responses, passthrough,
				(timeout != null) ? timeout : this.settings.defaultTimeoutMillis(), payloadFormat, contentHandling);
	}

	/**
	 * Lambda integrations: the URI is a function's invocation URI (stage variables
	 * allowed, checked per stage), and the integration method is POST, as AWS requires.
	 */
	private static void checkLambdaIntegration(ConfigNode node, String uri, String httpMethod) {
		if (uri == null) {
			node.get("uri").error("is required");
		}
		else if (StageVariables.references(uri).isEmpty()) {
			try {
				FunctionRef.fromInvocationUri(uri);
			}
			catch (IllegalArgumentException ex) {
				node.get("uri")
					.error(ex.getMessage() + " (Turnpike supports Lambda integrations, not other AWS services)");
			}
		}
		if (httpMethod != null && !httpMethod.equals("POST")) {
			node.get("httpMethod")
				.error("must be POST for a Lambda integration (it is how the function is invoked,"
						+ " not the client's method)");
		}
	}

	private static String readPayloadFormat(ConfigNode node, IntegrationType type, String byDefault) {
		String text = node.text();
		if (text == null) {
			return byDefault;
		}
		if (!text.equals("1.0") && !text.equals("2.0")) {
			node.error("'" + text + "' is not a payload format version (1.0 or 2.0)");
			return "1.0";
		}
		if (text.equals("2.0") && type != IntegrationType.AWS_PROXY) {
			node.error("payload format 2.0 is for Lambda proxy (aws_proxy) integrations only");
		}
		return text;
	}

	private static String readContentHandling(ConfigNode node) {
		String text = node.text();
		if (text == null) {
			return null;
		}
		String value = text.trim().toUpperCase(Locale.ROOT);
		if (!value.equals("CONVERT_TO_TEXT") && !value.equals("CONVERT_TO_BINARY")) {
			node.error("'" + text + "' is not a content handling (CONVERT_TO_TEXT or CONVERT_TO_BINARY)");
			return null;
		}
		return value;
	}

	/**
	 * Compiles each template once, at load; a syntax error names the template and its
	 * line.
	 */
	private Map<String, CompiledTemplate> compileTemplates(ConfigNode node) {
		Map<String, CompiledTemplate> templates = new LinkedHashMap<>();
		readTemplates(node).forEach((contentType, source) -> {
			try {
				templates.put(contentType, this.settings.templates().compile(source, node.path() + "." + contentType));
			}
			catch (TemplateException ex) {
				node.get(contentType).error("is not a valid mapping template: " + ex.getMessage());
			}
		});
		return templates;
	}

	/** Every key is read, or warned about, or refused (see {@link AwsExtensions}). */
	private static void warnAboutUnknownKeys(ConfigNode node) {
		AwsExtensions.checkKeys(node, AwsExtensions.Where.INTEGRATION, IntegrationReader::checkByValue);
	}

	/**
	 * {@code connectionType: INTERNET} is what Turnpike does; {@code credentials} naming
	 * the caller ({@code arn:aws:iam::*:user/*}) would have the backend called with the
	 * caller's identity, which Turnpike cannot do, so it is refused; a role is ignored
	 * with a warning.
	 */
	private static void checkByValue(AwsExtensions.Extension extension, ConfigNode node) {
		String value = node.text();
		switch (extension.name()) {
			case "connectionType" -> {
				if (!"INTERNET".equalsIgnoreCase(value)) {
					AwsExtensions.ignore(node, "'" + value + "'", "the uri is called directly");
				}
			}
			case "credentials" -> {
				if (value != null && value.matches("arn:aws[a-z-]*:iam::\\*:user/\\*")) {
					AwsExtensions.refuse(node, "'" + value + "'",
							"the backend would be called with the gateway's identity instead of the caller's");
				}
				else {
					AwsExtensions.ignore(node, "'" + value + "'", "the gateway's own credentials are used");
				}
			}
			default -> AwsExtensions.refuse(node, extension.name(), "not handled");
		}
	}

	private static IntegrationType readType(ConfigNode node) {
		String text = node.requiredText();
		if (text == null) {
			return null;
		}
		IntegrationType type = IntegrationType.parse(text);
		if (type == null) {
			node.error("unknown integration type '" + text + "' (expected http, http_proxy, mock, aws or aws_proxy)");
			return null;
		}
		return type;
	}

	private static String readHttpMethod(ConfigNode node) {
		String text = node.text();
		if (text == null) {
			return null;
		}
		String method = text.trim().toUpperCase(Locale.ROOT);
		if (!HTTP_METHODS.contains(method)) {
			node.error("'" + text + "' is not an HTTP method");
			return null;
		}
		return method;
	}

	/**
	 * A URI without stage variables is checked here; one with them is checked per stage,
	 * once substituted.
	 */
	private static void checkHttpUri(ConfigNode node) {
		String uri = node.requiredText();
		if (uri != null && StageVariables.references(uri).isEmpty() && !isHttpUrl(uri)) {
			node.error("'" + uri + "' must be an http:// or https:// URL with a host");
		}
	}

	/**
	 * Whether {@code uri} (with {@code {param}} placeholders) is an absolute http(s) URL
	 * with a host.
	 */
	static boolean isHttpUrl(String uri) {
		try {
			URI parsed = new URI(uri.replaceAll("\\{[^}]*}", "x"));
			return ("http".equals(parsed.getScheme()) || "https".equals(parsed.getScheme()))
					&& parsed.getHost() != null;
		}
		catch (URISyntaxException ex) {
			return false;
		}
	}

	private static List<ParameterMapping> readRequestParameters(ConfigNode node) {
		List<ParameterMapping> mappings = new ArrayList<>();
		node.entries().forEach((key, source) -> {
			Matcher target = REQUEST_TARGET.matcher(key);
			if (!target.matches() || !ValueExpressions.isParameterName(target.group(2))) {
				source.error("'" + key
						+ "' is not a valid target (expected integration.request.<header|querystring|path>.<name>)");
				return;
			}
			ValueExpression expression = ValueExpressions.parse(source, ValueExpressions.Scope.REQUEST);
			if (expression != null) {
				mappings.add(new ParameterMapping(RequestLocation.fromConfigName(target.group(1)), target.group(2),
						expression));
			}
		});
		return List.copyOf(mappings);
	}

	static Map<String, String> readTemplates(ConfigNode node) {
		Map<String, String> templates = new LinkedHashMap<>();
		node.entries().forEach((contentType, template) -> {
			String text = template.text();
			templates.put(contentType.toLowerCase(Locale.ROOT), (text != null) ? text : "");
		});
		return templates;
	}

	private List<IntegrationResponse> readResponses(ConfigNode node) {
		List<IntegrationResponse> responses = new ArrayList<>();
		node.entries().forEach((selection, response) -> {
			Pattern pattern = null;
			if (!"default".equals(selection)) {
				try {
					pattern = Pattern.compile(selection, Pattern.DOTALL);
				}
				catch (PatternSyntaxException ex) {
					response.error("selection pattern '" + selection + "' is not a valid regular expression: "
							+ ex.getDescription());
					return;
				}
			}
			AwsExtensions.checkKeys(response, AwsExtensions.Where.INTEGRATION_RESPONSE,
					(extension, child) -> AwsExtensions.refuse(child, extension.name(), "not handled"));
			Integer status = response.get("statusCode").integer(100, 599);
			if (response.get("statusCode").isMissing()) {
				response.get("statusCode").error("is required");
			}
			Map<String, ValueExpression> parameters = readResponseParameters(response.get("responseParameters"));
			Map<String, CompiledTemplate> templates = compileTemplates(response.get("responseTemplates"));
			if (status != null) {
				responses.add(new IntegrationResponse(pattern, status, parameters, templates));
			}
		});
		return List.copyOf(responses);
	}

	private static Map<String, ValueExpression> readResponseParameters(ConfigNode node) {
		Map<String, ValueExpression> parameters = new LinkedHashMap<>();
		node.entries().forEach((key, source) -> {
			Matcher target = RESPONSE_TARGET.matcher(key);
			if (!target.matches()) {
				source.error("'" + key + "' is not a valid target (expected method.response.header.<name>)");
				return;
			}
			ValueExpression expression = ValueExpressions.parse(source, ValueExpressions.Scope.RESPONSE);
			if (expression != null) {
				parameters.put(target.group(1), expression);
			}
		});
		return parameters;
	}

	private static PassthroughBehavior readPassthrough(ConfigNode node) {
		String text = node.text();
		if (text == null) {
			return PassthroughBehavior.WHEN_NO_MATCH;
		}
		try {
			return PassthroughBehavior.valueOf(text.trim().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			node.error("'" + text
					+ "' is not a passthrough behavior (expected when_no_match, when_no_templates or never)");
			return PassthroughBehavior.WHEN_NO_MATCH;
		}
	}

}
