package dev.turnpike.gateway.config;

import java.util.List;
import java.util.Map;

import dev.turnpike.gateway.config.model.ApiType;
import dev.turnpike.gateway.config.model.MethodParameter;

/**
 * One method of an API document as a {@link FeatureConfig} sees it while the document is
 * read.
 *
 * @param file the document, relative to the config repo root
 * @param location where the method is declared ({@code paths./pets/{petId}.get})
 * @param resourcePath the resource path template ({@code /pets/{petId}})
 * @param httpMethod upper-case method, or {@code ANY}
 * @param parameters the declared method request parameters
 * @param integration the method's {@code x-amazon-apigateway-integration} object
 * @param operationExtensions the operation's {@code x-amazon-apigateway-*} extensions,
 * raw
 * @param problems where problems are reported
 * @param apiType REST or HTTP API
 * @param api the document the method is declared in
 * @param requestBody the operation's {@code requestBody} (a Swagger 2.0 body parameter
 * arrives as one), or {@code null}
 */
public record MethodDeclaration(String file, String location, String resourcePath, String httpMethod,
		List<MethodParameter> parameters, ConfigNode integration, Map<String, Object> operationExtensions,
		Problems problems, ApiType apiType, ApiDeclaration api,
		io.swagger.v3.oas.models.parameters.RequestBody requestBody) {

	/**
	 * The operation's extension {@code name}, as a node (missing when the operation has
	 * none).
	 */
	public ConfigNode extension(String name) {
		return ConfigNode.at(this.file, this.location + "." + name, this.operationExtensions.get(name), this.problems);
	}

}
