package dev.turnpike.gateway.config.model;

import java.util.Map;

/**
 * One entry of {@code x-amazon-apigateway-gateway-responses}.
 *
 * @param statusCode the status to answer with, or {@code null} to keep the type's own
 * @param responseParameters response header name → source ({@code 'static'},
 * {@code method.request.*}, {@code stageVariables.*}, {@code context.*})
 * @param responseTemplates content type → body template (simple
 * {@code $context}/{@code $stageVariables} substitution, not VTL)
 */
public record GatewayResponseSpec(Integer statusCode, Map<String, ValueExpression> responseParameters,
		Map<String, SimpleTemplate> responseTemplates) {
}
