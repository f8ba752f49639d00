package dev.turnpike.gateway.config.model;

import java.util.List;
import java.util.Map;

import dev.turnpike.gateway.error.GatewayResponseType;
import dev.turnpike.gateway.policy.PolicyDocument;

/**
 * A REST or HTTP API from {@code apis/<id>/openapi.yaml} and its stages.
 *
 * @param id the API id (the folder name)
 * @param title the OpenAPI {@code info.title}
 * @param file the OpenAPI document, relative to the config repo root
 * @param methods every method on every resource
 * @param gatewayResponses the API's {@code x-amazon-apigateway-gateway-responses}
 * customisations
 * @param binaryMediaTypes {@code x-amazon-apigateway-binary-media-types}
 * @param stages the stages by name
 * @param apiKeySource where API keys come from
 * ({@code x-amazon-apigateway-api-key-source})
 * @param securitySchemes the document's security schemes by name
 * @param resourcePolicy {@code x-amazon-apigateway-policy}, or {@code null}
 * @param type REST or HTTP API
 * @param features what features read from the document's root ({@link FeatureSettings})
 */
public record Api(String id, String title, String file, List<ApiMethod> methods,
		Map<GatewayResponseType, GatewayResponseSpec> gatewayResponses, List<String> binaryMediaTypes,
		Map<String, Stage> stages, ApiKeySource apiKeySource, Map<String, SecurityScheme> securitySchemes,
		PolicyDocument resourcePolicy, ApiType type, FeatureSettings features) {

	public Api {
		type = (type != null) ? type : ApiType.REST;
		features = (features != null) ? features : FeatureSettings.NONE;
	}

	public Api(String id, String title, String file, List<ApiMethod> methods,
			Map<GatewayResponseType, GatewayResponseSpec> gatewayResponses, List<String> binaryMediaTypes,
			Map<String, Stage> stages, ApiKeySource apiKeySource, Map<String, SecurityScheme> securitySchemes,
			PolicyDocument resourcePolicy, ApiType type) {
		this(id, title, file, methods, gatewayResponses, binaryMediaTypes, stages, apiKeySource, securitySchemes,
				resourcePolicy, type, FeatureSettings.NONE);
	}

	public Api(String id, String title, String file, List<ApiMethod> methods,
			Map<GatewayResponseType, GatewayResponseSpec> gatewayResponses, List<String> binaryMediaTypes,
			Map<String, Stage> stages, ApiKeySource apiKeySource, Map<String, SecurityScheme> securitySchemes,
			PolicyDocument resourcePolicy) {
		this(id, title, file, methods, gatewayResponses, binaryMediaTypes, stages, apiKeySource, securitySchemes,
				resourcePolicy, ApiType.REST);
	}

	/** Whether this is an HTTP API (API Gateway v2) rather than a REST API. */
	public boolean isHttpApi() {
		return this.type == ApiType.HTTP;
	}

	/**
	 * The authorizer a method uses (its first security requirement naming one), or
	 * {@code null}.
	 */
	public AuthorizerSpec authorizerOf(ApiMethod method) {
		for (SecurityRequirement requirement : method.security()) {
			SecurityScheme scheme = this.securitySchemes.get(requirement.scheme());
			if (scheme != null && scheme.authorizer() != null) {
				return scheme.authorizer();
			}
		}
		return null;
	}

	/** The scopes a method asks of its authorizer. */
	public List<String> scopesOf(ApiMethod method) {
		for (SecurityRequirement requirement : method.security()) {
			SecurityScheme scheme = this.securitySchemes.get(requirement.scheme());
			if (scheme != null && scheme.authorizer() != null) {
				return requirement.scopes();
			}
		}
		return List.of();
	}

	/**
	 * {@code HEADER}: the {@code x-api-key} header; {@code AUTHORIZER}: a Lambda
	 * authorizer's usageIdentifierKey.
	 */
	public enum ApiKeySource {

		HEADER, AUTHORIZER

	}

}
