package dev.turnpike.gateway.config;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.turnpike.gateway.config.model.GatewayResponseSpec;
import dev.turnpike.gateway.config.model.SimpleTemplate;
import dev.turnpike.gateway.config.model.ValueExpression;
import dev.turnpike.gateway.error.GatewayResponseType;

/** Reads {@code x-amazon-apigateway-gateway-responses}. */
final class GatewayResponsesReader {

	private static final String HEADER_PREFIX = "gatewayresponse.header.";

	private GatewayResponsesReader() {
	}

	static Map<GatewayResponseType, GatewayResponseSpec> read(ConfigNode node) {
		Map<GatewayResponseType, GatewayResponseSpec> specs = new EnumMap<>(GatewayResponseType.class);
		node.entries().forEach((typeName, spec) -> {
			GatewayResponseType type = parseType(typeName);
			if (type == null) {
				spec.error("'" + typeName + "' is not a gateway response type");
				return;
			}
			spec.rejectUnknownKeys(Set.of("statusCode", "responseParameters", "responseTemplates", "defaultResponse"));
			Integer status = spec.get("statusCode").integer(100, 599);
			Map<String, ValueExpression> headers = new LinkedHashMap<>();
			spec.get("responseParameters").entries().forEach((key, source) -> {
				if (!key.startsWith(HEADER_PREFIX) || key.length() == HEADER_PREFIX.length()) {
					source.error("'" + key + "' is not a valid target (expected gatewayresponse.header.<name>)");
					return;
				}
				ValueExpression expression = ValueExpressions.parse(source, ValueExpressions.Scope.REQUEST);
				if (expression instanceof ValueExpression.MethodRequestBody) {
					source.error("gateway responses cannot map the request body");
				}
				else if (expression != null) {
					headers.put(key.substring(HEADER_PREFIX.length()), expression);
				}
			});
			Map<String, SimpleTemplate> templates = new LinkedHashMap<>();
			IntegrationReader.readTemplates(spec.get("responseTemplates"))
				.forEach((contentType, template) -> templates.put(contentType, SimpleTemplate.parse(template)));
			specs.put(type, new GatewayResponseSpec(status, headers, templates));
		});
		return specs;
	}

	private static GatewayResponseType parseType(String name) {
		try {
			GatewayResponseType type = GatewayResponseType.valueOf(name.trim().toUpperCase(Locale.ROOT));
			return type.isCustomizable() ? type : null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
