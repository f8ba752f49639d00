package dev.turnpike.gateway.config.model;

import java.util.List;

/**
 * One method on one resource of an API: an OpenAPI operation, or
 * {@code x-amazon-apigateway-any-method}.
 *
 * @param resourcePath the resource path template as in the OpenAPI document
 * ({@code /pets/{petId}})
 * @param httpMethod upper-case method, or {@code ANY}
 * @param location where it is declared, for messages ({@code paths./pets/{petId}.get})
 * @param operationId the OpenAPI operationId, or {@code null}
 * @param parameters declared method request parameters
 * @param integration the integration
 * @param security the security schemes the operation requires ({@code security}), with
 * their scopes
 * @param apiKeyRequired whether a request needs an API key (an {@code apiKey} scheme
 * named {@code x-api-key})
 * @param features what features read from the method's declaration
 * ({@link FeatureSettings})
 */
public record ApiMethod(String resourcePath, String httpMethod, String location, String operationId,
		List<MethodParameter> parameters, Integration integration, List<SecurityRequirement> security,
		boolean apiKeyRequired, FeatureSettings features) {

	public ApiMethod {
		features = (features != null) ? features : FeatureSettings.NONE;
	}

	public ApiMethod(String resourcePath, String httpMethod, String location, String operationId,
			List<MethodParameter> parameters, Integration integration, List<SecurityRequirement> security,
			boolean apiKeyRequired) {
		this(resourcePath, httpMethod, location, operationId, parameters, integration, security, apiKeyRequired,
				FeatureSettings.NONE);
	}

	/**
	 * The key per-method stage settings use for this method:
	 * {@code <resourcePath>/<METHOD>}, as {@code /pets/GET}.
	 */
	public String methodKey() {
		return this.resourcePath + "/" + this.httpMethod;
	}

	/**
	 * The HTTP API {@code $default} route's resource path: it catches every request no
	 * other route matches.
	 */
	public static final String DEFAULT_ROUTE = "$default";

	/** Whether this is an HTTP API's {@code $default} route. */
	public boolean isDefaultRoute() {
		return DEFAULT_ROUTE.equals(this.resourcePath);
	}

	/**
	 * The HTTP API route key: {@code GET /pets/{id}}, {@code ANY /{proxy+}} or
	 * {@code $default}.
	 */
	public String routeKey() {
		return isDefaultRoute() ? DEFAULT_ROUTE : this.httpMethod + " " + this.resourcePath;
	}

	public boolean isAnyMethod() {
		return "ANY".equals(this.httpMethod);
	}

}
