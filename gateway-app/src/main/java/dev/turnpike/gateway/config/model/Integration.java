package dev.turnpike.gateway.config.model;

import java.util.List;
import java.util.Map;

import dev.turnpike.gateway.template.CompiledTemplate;

/**
 * An operation's {@code x-amazon-apigateway-integration}, as written (stage variables not
 * yet substituted).
 *
 * @param type the integration type
 * @param uri the endpoint URI template ({@code null} for mock)
 * @param httpMethod the method sent to the backend; {@code null} or {@code ANY} means the
 * client's method
 * @param requestParameters integration request parameter mappings, in file order
 * @param requestTemplates content type → compiled request template, in file order
 * @param responses integration responses, in file order (the default entry, if any,
 * included)
 * @param passthroughBehavior what to do with bodies no template matches
 * @param timeoutMillis the integration timeout
 * @param payloadFormatVersion the Lambda proxy event format, {@code 1.0} (REST) or
 * {@code 2.0}
 * @param contentHandling {@code CONVERT_TO_TEXT}, {@code CONVERT_TO_BINARY} or
 * {@code null} (passthrough)
 */
public record Integration(IntegrationType type, String uri, String httpMethod, List<ParameterMapping> requestParameters,
		Map<String, CompiledTemplate> requestTemplates, List<IntegrationResponse> responses,
		PassthroughBehavior passthroughBehavior, int timeoutMillis, String payloadFormatVersion,
		String contentHandling) {

	public Integration(IntegrationType type, String uri, String httpMethod, List<ParameterMapping> requestParameters,
			Map<String, CompiledTemplate> requestTemplates, List<IntegrationResponse> responses,
			PassthroughBehavior passthroughBehavior, int timeoutMillis) {
		this(type, uri, httpMethod, requestParameters, requestTemplates, responses, passthroughBehavior, timeoutMillis,
				"1.0", null);
	}

	/** Whether the backend call uses the client's method. */
	public boolean usesClientMethod() {
		return this.httpMethod == null || "ANY".equals(this.httpMethod);
	}

	/** The entry without a selection pattern, or {@code null}. */
	public IntegrationResponse defaultResponse() {
		return this.responses.stream().filter(IntegrationResponse::isDefault).findFirst().orElse(null);
	}

	/**
	 * The first entry whose pattern matches {@code value}, else the default entry, else
	 * {@code null}.
	 */
	public IntegrationResponse selectResponse(String value) {
		for (IntegrationResponse response : this.responses) {
			if (response.matches(value)) {
				return response;
			}
		}
		return defaultResponse();
	}

}
