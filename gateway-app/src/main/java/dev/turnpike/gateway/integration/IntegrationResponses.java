package dev.turnpike.gateway.integration;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

import dev.turnpike.gateway.config.model.Integration;
import dev.turnpike.gateway.config.model.IntegrationResponse;
import dev.turnpike.gateway.config.model.ValueExpression;
import dev.turnpike.gateway.context.ApiRequestContext;
import dev.turnpike.gateway.context.RequestValues;
import dev.turnpike.gateway.error.GatewayException;
import dev.turnpike.gateway.error.GatewayResponseType;
import dev.turnpike.gateway.template.JsonValues;

/**
 * Integration responses of non-proxy integrations: choosing the entry by {@code selectionPattern}, mapping
 * {@code responseParameters} into method response headers, and choosing a template by content type.
 */
final class IntegrationResponses {

	private IntegrationResponses() {
	}

	/**
	 * The entry for {@code selectionValue} (a status code for HTTP and mock integrations).
	 * @throws GatewayException {@code API_CONFIGURATION_ERROR} when nothing matches and there is no default, as AWS
	 * answers ("no match for output mapping and no default output mapping configured")
	 */
	static IntegrationResponse select(Integration integration, String selectionValue) {
		IntegrationResponse selected = integration.selectResponse(selectionValue);
		if (selected == null) {
			throw GatewayException.of(GatewayResponseType.API_CONFIGURATION_ERROR);
		}
		return selected;
	}

	/** Sets the entry's {@code method.response.header.*} mappings on {@code target}. */
	static void applyResponseParameters(IntegrationResponse selected, HttpHeaders backendHeaders, HttpHeaders target,
			ServerWebExchange exchange, ApiRequestContext context) {
		applyResponseParameters(selected, backendHeaders, null, target, exchange, context);
	}

	/**
	 * Sets the entry's {@code method.response.header.*} mappings on {@code target}.
	 * @param backendBody the integration response body, for {@code integration.response.body} sources
	 */
	static void applyResponseParameters(IntegrationResponse selected, HttpHeaders backendHeaders, String backendBody,
			HttpHeaders target, ServerWebExchange exchange, ApiRequestContext context) {
		for (Map.Entry<String, ValueExpression> parameter : selected.responseParameters().entrySet()) {
			String value;
			if (parameter.getValue() instanceof ValueExpression.IntegrationResponseHeader header) {
				value = backendHeader(backendHeaders, header);
			}
			else if (parameter.getValue() instanceof ValueExpression.IntegrationResponseBody body) {
				value = (backendBody == null || body.jsonPath() == null) ? backendBody
						: JsonValues.read(backendBody, body.jsonPath());
			}
			else {
				value = RequestValues.single(parameter.getValue(), exchange, context);
			}
			if (value != null) {
				target.set(parameter.getKey(), value);
			}
		}
	}

	private static String backendHeader(HttpHeaders backendHeaders, ValueExpression.IntegrationResponseHeader header) {
		if (backendHeaders == null) {
			return null;
		}
		List<String> values = backendHeaders.get(header.name());
		if (values == null || values.isEmpty()) {
			return null;
		}
		return header.multiValue() ? String.join(",", values) : values.get(values.size() - 1);
	}

}
