package dev.turnpike.gateway.config.model;

import java.util.List;

/**
 * One method on one resource of an API: an OpenAPI operation, or {@code x-amazon-apigateway-any-method}.
 *
 * @param resourcePath the resource path template as in the OpenAPI document ({@code /pets/{petId}})
 * @param httpMethod upper-case method, or {@code ANY}
 * @param location where it is declared, for messages ({@code paths./pets/{petId}.get})
 * @param operationId the OpenAPI operationId, or {@code null}
 * @param parameters declared method request parameters
 * @param integration the integration
 * @param security the security schemes the operation requires ({@code security}), with their scopes
 * @param apiKeyRequired whether a request needs an API key (an {@code apiKey} scheme named {@code x-api-key})
 * @param validation what its request validator checks, or {@code null} when it has none
 */
public record ApiMethod(String resourcePath, String httpMethod, String location, String operationId,
		List<MethodParameter> parameters, Integration integration, List<SecurityRequirement> security,
		boolean apiKeyRequired, RequestValidation validation) {

	public boolean isAnyMethod() {
		return "ANY".equals(this.httpMethod);
	}

}
