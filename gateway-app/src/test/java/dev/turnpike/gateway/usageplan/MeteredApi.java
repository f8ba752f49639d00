package dev.turnpike.gateway.usageplan;

import java.nio.file.Path;
import java.util.Map;

import dev.turnpike.gateway.support.TestConfigRepo;

/**
 * The test API: key-protected {@code /pets} (GET, POST) and an open {@code /open}, on
 * stages prod and dev.
 */
final class MeteredApi {

	static final String DOCUMENT = """
			openapi: 3.0.1
			info: {title: Metered, version: "1"}
			paths:
			  /pets:
			    get:
			      security: [{api_key: []}]
			      x-amazon-apigateway-integration: {type: http_proxy, httpMethod: GET, uri: "${stageVariables.backend}/pets"}
			    post:
			      security: [{api_key: []}]
			      x-amazon-apigateway-integration: {type: http_proxy, httpMethod: POST, uri: "${stageVariables.backend}/pets"}
			  /open:
			    get:
			      x-amazon-apigateway-integration: {type: http_proxy, httpMethod: GET, uri: "${stageVariables.backend}/open"}
			components:
			  securitySchemes:
			    api_key: {type: apiKey, name: x-api-key, in: header}
			""";

	private MeteredApi() {
	}

	static void write(Path dir, String backendUrl) {
		TestConfigRepo.in(dir)
			.api("metered", DOCUMENT)
			.stage("metered", "prod", Map.of("backend", backendUrl))
			.stage("metered", "dev", Map.of("backend", backendUrl));
	}

}
