package dev.turnpike.gateway.integration;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.server.ServerWebExchange;

import dev.turnpike.gateway.context.Bodies;
import dev.turnpike.gateway.config.model.Integration;
import dev.turnpike.gateway.config.model.IntegrationResponse;
import dev.turnpike.gateway.config.model.ValueExpression;
import dev.turnpike.gateway.context.ApiRequestContext;
import dev.turnpike.gateway.context.RequestValues;
import dev.turnpike.gateway.error.GatewayException;
import dev.turnpike.gateway.error.GatewayResponseType;
import dev.turnpike.gateway.template.CompiledTemplate;
import dev.turnpike.gateway.template.JsonValues;
import dev.turnpike.gateway.template.MappingTemplateEngine;

/**
 * Integration responses of non-proxy integrations: choosing the entry by
 * {@code selectionPattern}, mapping {@code responseParameters} into method response
 * headers, and choosing a template by content type.
 */
final class IntegrationResponses {

	private IntegrationResponses() {
	}

	/**
	 * The entry for {@code selectionValue} (a status code for HTTP and mock
	 * integrations).
	 * @throws GatewayException {@code API_CONFIGURATION_ERROR} when nothing matches and
	 * there is no default, as AWS answers ("no match for output mapping and no default
	 * output mapping configured")
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
	 * @param backendBody the integration response body, for
	 * {@code integration.response.body} sources
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

	/**
	 * Writes the method response of a non-proxy integration: the selected entry's status
	 * and mapped headers, and the body rendered by its response template (chosen by the
	 * request's Accept, {@code $input} being the integration response) or, without
	 * templates, the integration response's body and content type; then any
	 * {@code $context.responseOverride}.
	 * @param backendHeaders the integration response's headers ({@code null} for Lambda
	 * and mock)
	 * @param backendBody the integration response's body
	 * @param passthroughType the content type of a body passed through
	 */
	static Mono<Void> write(MappingTemplateEngine templates, IntegrationResponse selected, HttpHeaders backendHeaders,
			byte[] backendBody, String passthroughType, ServerWebExchange exchange, ApiRequestContext context,
			TemplateVariables variables) {
		String backendText = new String(backendBody, StandardCharsets.UTF_8);
		HttpHeaders headers = new HttpHeaders();
		applyResponseParameters(selected, backendHeaders, backendText, headers, exchange, context);
		Map.Entry<String, CompiledTemplate> template = TemplateSelection.forResponse(selected.responseTemplates(),
				exchange.getRequest().getHeaders().getFirst(HttpHeaders.ACCEPT));
		byte[] body;
		if (template != null) {
			body = TemplateSelection.render(templates, template.getValue(), variables.over(backendText))
				.getBytes(StandardCharsets.UTF_8);
			headers.set(HttpHeaders.CONTENT_TYPE, template.getKey());
		}
		else {
			body = backendBody;
			headers.set(HttpHeaders.CONTENT_TYPE,
					(passthroughType != null) ? passthroughType : MediaType.APPLICATION_JSON_VALUE);
		}
		variables.responseHeaderOverrides().forEach(headers::set);
		Integer status = variables.responseStatusOverride();
		return Bodies.write(exchange, (status != null) ? status : selected.statusCode(), headers, body);
	}

}
