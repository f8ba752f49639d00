package dev.turnpike.gateway.config.model;

import java.util.Map;
import java.util.regex.Pattern;

import dev.turnpike.gateway.template.CompiledTemplate;

/**
 * One entry of the integration's {@code responses}: the response a matching integration
 * result becomes.
 *
 * @param selectionPattern the regular expression matched against the backend status
 * (HTTP) or error message (Lambda); {@code null} for the {@code default} entry
 * @param statusCode the method response status
 * @param responseParameters method response header name → source
 * @param responseTemplates content type → compiled template, in file order
 */
public record IntegrationResponse(Pattern selectionPattern, int statusCode,
		Map<String, ValueExpression> responseParameters, Map<String, CompiledTemplate> responseTemplates) {

	public boolean isDefault() {
		return this.selectionPattern == null;
	}

	/**
	 * Whether the whole {@code value} matches the selection pattern (the default entry
	 * matches nothing).
	 */
	public boolean matches(String value) {
		return this.selectionPattern != null && value != null && this.selectionPattern.matcher(value).matches();
	}

}
