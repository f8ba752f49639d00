package dev.turnpike.gateway.integration;

import java.util.Locale;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.http.MediaType;

import dev.turnpike.gateway.config.model.Integration;
import dev.turnpike.gateway.config.model.PassthroughBehavior;
import dev.turnpike.gateway.error.GatewayException;
import dev.turnpike.gateway.error.GatewayResponseType;
import dev.turnpike.gateway.template.CompiledTemplate;
import dev.turnpike.gateway.template.MappingTemplateEngine;
import dev.turnpike.gateway.template.TemplateException;

/**
 * Which mapping template applies, as API Gateway chooses: a request template by the
 * request's Content-Type (its MIME type; {@code application/json} when absent) subject to
 * {@code passthroughBehavior}, a response template by the request's Accept (its first
 * MIME type; {@code application/json} when absent), falling back to the first template
 * defined.
 */
final class TemplateSelection {

	private static final Log LOG = LogFactory.getLog(TemplateSelection.class);

	private TemplateSelection() {
	}

	/**
	 * What to do with a request body: render a template, pass it through, or refuse it
	 * (415).
	 */
	record RequestChoice(String contentType, CompiledTemplate template) {

		boolean passthrough() {
			return this.template == null;
		}

	}

	/**
	 * @throws GatewayException {@code UNSUPPORTED_MEDIA_TYPE} when the passthrough
	 * behavior refuses the body
	 */
	static RequestChoice forRequest(Integration integration, String contentTypeHeader) {
		String contentType = mimeType(contentTypeHeader);
		Map<String, CompiledTemplate> templates = integration.requestTemplates();
		CompiledTemplate template = templates.get(contentType);
		if (template != null) {
			return new RequestChoice(contentType, template);
		}
		PassthroughBehavior behavior = integration.passthroughBehavior();
		boolean refuse = templates.isEmpty() ? behavior == PassthroughBehavior.NEVER
				: behavior != PassthroughBehavior.WHEN_NO_MATCH;
		if (refuse) {
			throw GatewayException.of(GatewayResponseType.UNSUPPORTED_MEDIA_TYPE);
		}
		return new RequestChoice(contentType, null);
	}

	/**
	 * The response template for the request's Accept header, or {@code null} to pass the
	 * body through.
	 */
	static Map.Entry<String, CompiledTemplate> forResponse(Map<String, CompiledTemplate> templates,
			String acceptHeader) {
		if (templates.isEmpty()) {
			return null;
		}
		String accept = mimeType(firstMediaType(acceptHeader));
		CompiledTemplate exact = templates.get(accept);
		return (exact != null) ? Map.entry(accept, exact) : templates.entrySet().iterator().next();
	}

	/**
	 * Renders; a template that fails, runs too long or grows too large is a 500 for the
	 * client.
	 */
	static String render(MappingTemplateEngine engine, CompiledTemplate template, Map<String, Object> variables) {
		try {
			return engine.render(template, variables);
		}
		catch (TemplateException ex) {
			LOG.warn("Mapping template " + template.name() + " failed (" + ex.reason() + "): " + ex.getMessage());
			throw GatewayException.withStatus(GatewayResponseType.API_CONFIGURATION_ERROR, 500, ex);
		}
	}

	/**
	 * The MIME type of a Content-Type or Accept value, lower case, without parameters;
	 * JSON when absent.
	 */
	static String mimeType(String header) {
		if (header == null || header.isBlank()) {
			return MediaType.APPLICATION_JSON_VALUE;
		}
		String type = header.toLowerCase(Locale.ROOT);
		int semicolon = type.indexOf(';');
		type = (semicolon >= 0) ? type.substring(0, semicolon) : type;
		type = type.trim();
		return type.isEmpty() ? MediaType.APPLICATION_JSON_VALUE : type;
	}

	private static String firstMediaType(String accept) {
		if (accept == null) {
			return null;
		}
		int comma = accept.indexOf(',');
		return (comma >= 0) ? accept.substring(0, comma) : accept;
	}

}
