package dev.turnpike.gateway.parametermapping;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.turnpike.gateway.config.AwsExtensions;
import dev.turnpike.gateway.config.ConfigNode;
import dev.turnpike.gateway.config.FeatureConfig;
import dev.turnpike.gateway.config.MethodDeclaration;
import dev.turnpike.gateway.config.model.ApiType;
import dev.turnpike.gateway.config.model.FeatureSettings;

/**
 * Reads an HTTP API route's {@code requestParameters} and {@code responseParameters} from
 * its integration, with AWS's rules: the keys AWS defines, values it can resolve, and
 * headers it reserves refused at load.
 */
public final class ParameterMappingConfig implements FeatureConfig {

	static final FeatureSettings.Key<ParameterMappings> METHOD = new FeatureSettings.Key<>("parameter-mapping",
			ParameterMappings.class);

	private static final Pattern REQUEST_KEY = Pattern
		.compile("(overwrite|append|remove):(header|querystring)\\.([!#$%&'*+.^_`|~0-9A-Za-z-]+)|overwrite:path");

	private static final Pattern RESPONSE_KEY = Pattern
		.compile("(overwrite|append|remove):header\\.([!#$%&'*+.^_`|~0-9A-Za-z-]+)|overwrite:statuscode");

	/** Headers AWS does not let a mapping set or remove. */
	private static final Set<String> RESERVED = Set.of("authorization", "connection", "content-encoding",
			"content-length", "content-location", "forwarded", "keep-alive", "origin", "proxy-authenticate",
			"proxy-authorization", "te", "trailers", "transfer-encoding", "upgrade", "x-forwarded-for",
			"x-forwarded-host", "x-forwarded-proto", "via", "host");

	private static final List<String> RESERVED_PREFIXES = List.of("access-control-", "apigw-", "x-amz-", "x-amzn-");

	@Override
	public List<AwsExtensions.Extension> extensions() {
		return List.of(new AwsExtensions.Extension("responseParameters", AwsExtensions.Where.INTEGRATION,
				AwsExtensions.Handling.READ,
				"HTTP APIs: response parameter mapping by status code (overwrite:statuscode, header actions)"));
	}

	@Override
	public void readMethod(MethodDeclaration method, FeatureSettings.Builder settings) {
		ConfigNode requestNode = method.integration().get("requestParameters");
		ConfigNode responseNode = method.integration().get("responseParameters");
		if (method.apiType() != ApiType.HTTP) {
			if (!responseNode.isMissing()) {
				responseNode.error("is an HTTP API setting; a REST API maps responses in its integration"
						+ " responses' responseParameters");
			}
			return;
		}
		List<ParameterMappings.Mapping> request = new ArrayList<>();
		requestNode.entries().forEach((key, value) -> {
			ParameterMappings.Mapping mapping = readRequest(key, value);
			if (mapping != null) {
				request.add(mapping);
			}
		});
		Map<Integer, List<ParameterMappings.Mapping>> response = new LinkedHashMap<>();
		responseNode.entries().forEach((status, mappings) -> {
			Integer code = statusCode(status);
			if (code == null) {
				mappings.error("'" + status + "' is not a status code (100 to 599)");
				return;
			}
			List<ParameterMappings.Mapping> list = new ArrayList<>();
			mappings.entries().forEach((key, value) -> {
				ParameterMappings.Mapping mapping = readResponse(key, value);
				if (mapping != null) {
					list.add(mapping);
				}
			});
			response.put(code, List.copyOf(list));
		});
		if (!request.isEmpty() || !response.isEmpty()) {
			settings.put(METHOD, new ParameterMappings(List.copyOf(request), Map.copyOf(response)));
		}
	}

	private static ParameterMappings.Mapping readRequest(String key, ConfigNode node) {
		Matcher matcher = REQUEST_KEY.matcher(key);
		if (!matcher.matches()) {
			node.error("is not a request mapping API Gateway defines (overwrite:, append: or remove: on header.<name>"
					+ " or querystring.<name>, or overwrite:path)");
			return null;
		}
		if (matcher.group(1) == null) {
			return mapping(ParameterMappings.Action.OVERWRITE, ParameterMappings.Target.PATH, "", node, false);
		}
		ParameterMappings.Action action = ParameterMappings.Action.valueOf(matcher.group(1).toUpperCase(Locale.ROOT));
		boolean header = matcher.group(2).equals("header");
		String name = matcher.group(3);
		if (header && isReserved(name)) {
			node.error("'" + name + "' is a header API Gateway reserves; a mapping may not change it");
			return null;
		}
		return mapping(action, header ? ParameterMappings.Target.HEADER : ParameterMappings.Target.QUERYSTRING,
				header ? name.toLowerCase(Locale.ROOT) : name, node, false);
	}

	private static ParameterMappings.Mapping readResponse(String key, ConfigNode node) {
		Matcher matcher = RESPONSE_KEY.matcher(key);
		if (!matcher.matches()) {
			node.error("is not a response mapping API Gateway defines (overwrite:statuscode, or overwrite:, append:"
					+ " or remove: on header.<name>)");
			return null;
		}
		if (matcher.group(1) == null) {
			return mapping(ParameterMappings.Action.OVERWRITE, ParameterMappings.Target.STATUS_CODE, "", node, true);
		}
		String name = matcher.group(2);
		if (isReserved(name)) {
			node.error("'" + name + "' is a header API Gateway reserves; a mapping may not change it");
			return null;
		}
		return mapping(ParameterMappings.Action.valueOf(matcher.group(1).toUpperCase(Locale.ROOT)),
				ParameterMappings.Target.HEADER, name.toLowerCase(Locale.ROOT), node, true);
	}

	private static ParameterMappings.Mapping mapping(ParameterMappings.Action action, ParameterMappings.Target target,
			String name, ConfigNode node, boolean response) {
		String text = node.text();
		if (text == null && action != ParameterMappings.Action.REMOVE) {
			node.error("needs a value (static text, $request.*, $context.*, $stageVariables.*"
					+ (response ? ", $response.header.*" : "") + ")");
			return null;
		}
		boolean[] ok = { true };
		MappingValue value = MappingValue.parse((text != null) ? text : "", message -> {
			node.error(message);
			ok[0] = false;
		});
		for (MappingValue.Part part : value.parts()) {
			if (part.source() == null) {
				continue;
			}
			if (!response && part.source().isResponse()) {
				node.error("a request mapping cannot read the response ($response.*)");
				ok[0] = false;
			}
			if (part.source() == MappingValue.Source.RESPONSE_BODY) {
				node.error("$response.body is not supported yet (the answer is streamed, not buffered); refused"
						+ " rather than mapped wrong");
				ok[0] = false;
			}
		}
		return ok[0] ? new ParameterMappings.Mapping(action, target, name, value) : null;
	}

	/** {@code text} as a status code (100 to 599), or {@code null}. */
	static Integer statusCode(String text) {
		try {
			int code = Integer.parseInt(text.trim());
			return (code >= 100 && code <= 599) ? code : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private static boolean isReserved(String header) {
		String lower = header.toLowerCase(Locale.ROOT);
		return RESERVED.contains(lower) || RESERVED_PREFIXES.stream().anyMatch(lower::startsWith);
	}

}
