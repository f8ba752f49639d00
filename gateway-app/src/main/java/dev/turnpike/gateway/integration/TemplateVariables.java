package dev.turnpike.gateway.integration;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.util.MultiValueMap;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriUtils;

import dev.turnpike.gateway.context.ApiRequestContext;
import dev.turnpike.gateway.context.AwsHeaderNames;
import dev.turnpike.gateway.context.ContextVariables;
import dev.turnpike.gateway.template.InputVariable;
import dev.turnpike.gateway.template.OverrideMap;

/**
 * What a mapping template sees for one request: {@code $input} (a payload and the method
 * request's parameters), {@code $context} (the variables AWS lists, nested as templates
 * address them, with the writable {@code requestOverride} and {@code responseOverride}
 * groups) and {@code $stageVariables}.
 */
public final class TemplateVariables {

	private static final List<String> CONTEXT_NAMES = List.of("apiId", "domainName", "domainPrefix",
			"extendedRequestId", "httpMethod", "path", "protocol", "requestId", "requestTime", "resourceId",
			"resourcePath", "stage");

	private final Map<String, Object> context;

	private final Map<String, String> stageVariables;

	private final Map<String, String> path;

	private final Map<String, String> querystring;

	private final Map<String, String> header;

	private TemplateVariables(Map<String, Object> context, Map<String, String> stageVariables, Map<String, String> path,
			Map<String, String> querystring, Map<String, String> header) {
		this.context = context;
		this.stageVariables = stageVariables;
		this.path = path;
		this.querystring = querystring;
		this.header = header;
	}

	/**
	 * The variables for this request; one instance serves its request and response
	 * templates.
	 */
	public static TemplateVariables of(ServerWebExchange exchange, ApiRequestContext context, String accountId) {
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("accountId", accountId);
		for (String name : CONTEXT_NAMES) {
			values.put(name, ContextVariables.resolve(name, exchange, context));
		}
		values.put("requestTimeEpoch", context.requestTimeEpoch());
		Map<String, Object> identity = new LinkedHashMap<>();
		identity.put("sourceIp", ContextVariables.resolve("identity.sourceIp", exchange, context));
		identity.put("userAgent", ContextVariables.resolve("identity.userAgent", exchange, context));
		identity.put("apiKey", context.apiKey());
		identity.put("apiKeyId", context.apiKeyId());
		values.put("identity", identity);
		Map<String, Object> authorizer = new LinkedHashMap<>();
		ApiRequestContext.AuthorizerResult result = context.authorizer();
		if (result != null) {
			authorizer.putAll(result.context());
			authorizer.put("principalId", result.principalId());
			if (!result.claims().isEmpty()) {
				authorizer.put("claims", result.claims());
			}
		}
		values.put("authorizer", authorizer);
		values.put("requestOverride", OverrideMap.withGroups("header", "querystring", "path"));
		values.put("responseOverride", OverrideMap.withGroups("header"));
		Map<String, String> path = new LinkedHashMap<>();
		context.rawPathParameters()
			.forEach((name, raw) -> path.put(name, UriUtils.decode(raw, StandardCharsets.UTF_8)));
		return new TemplateVariables(values, context.stageVariables(), path,
				last(exchange.getRequest().getQueryParams()),
				last(AwsHeaderNames.canonicalized(exchange.getRequest().getHeaders().asMultiValueMap())));
	}

	private static Map<String, String> last(MultiValueMap<String, String> values) {
		Map<String, String> last = new LinkedHashMap<>();
		values.forEach((name, list) -> {
			if (list != null && !list.isEmpty()) {
				last.put(name, list.get(list.size() - 1));
			}
		});
		return last;
	}

	/**
	 * The variables for rendering a template over {@code body} (the request's, or the
	 * integration response's).
	 */
	public Map<String, Object> over(String body) {
		Map<String, Object> variables = new LinkedHashMap<>();
		variables.put("input", new InputVariable(body, this.path, this.querystring, this.header));
		variables.put("context", this.context);
		variables.put("stageVariables", this.stageVariables);
		return variables;
	}

	/**
	 * Overrides a request template set: {@code header}, {@code querystring} or
	 * {@code path}.
	 */
	public Map<String, String> requestOverrides(String group) {
		return ((OverrideMap) this.context.get("requestOverride")).group(group);
	}

	/** Response header overrides a response template set. */
	public Map<String, String> responseHeaderOverrides() {
		return ((OverrideMap) this.context.get("responseOverride")).group("header");
	}

	/** The status a response template set, or {@code null}. */
	public Integer responseStatusOverride() {
		Object status = ((OverrideMap) this.context.get("responseOverride")).get("status");
		if (status == null || status.toString().isBlank()) {
			return null;
		}
		try {
			int value = Integer.parseInt(status.toString().trim());
			return (value >= 100 && value <= 599) ? value : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

}
