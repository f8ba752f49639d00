package dev.turnpike.gateway.config.model;

import java.util.List;
import java.util.Map;

/**
 * An operation's {@code x-amazon-apigateway-integration}, as written (stage variables not yet substituted).
 *
 * @param type the integration type
 * @param uri the endpoint URI template ({@code null} for mock)
 * @param httpMethod the method sent to the backend; {@code null} or {@code ANY} means the client's method
 * @param requestParameters integration request parameter mappings, in file order
 * @param requestTemplates content type → request template
 * @param responses integration responses, in file order (the default entry, if any, included)
 * @param passthroughBehavior what to do with bodies no template matches
 * @param timeoutMillis the integration timeout
 */
public record Integration(IntegrationType type, String uri, String httpMethod, List<ParameterMapping> requestParameters,
		Map<String, String> requestTemplates, List<IntegrationResponse> responses,
		PassthroughBehavior passthroughBehavior, int timeoutMillis) {

	/** Whether the backend call uses the client's method. */
	public boolean usesClientMethod() {
		return this.httpMethod == null || "ANY".equals(this.httpMethod);
	}

	/** The entry without a selection pattern, or {@code null}. */
	public IntegrationResponse defaultResponse() {
		return this.responses.stream().filter(IntegrationResponse::isDefault).findFirst().orElse(null);
	}

	/** The first entry whose pattern matches {@code value}, else the default entry, else {@code null}. */
	public IntegrationResponse selectResponse(String value) {
		for (IntegrationResponse response : this.responses) {
			if (response.matches(value)) {
				return response;
			}
		}
		return defaultResponse();
	}

}
