package dev.turnpike.gateway.support;

/**
 * Snippets of {@code x-amazon-apigateway-integration} YAML (flow style) for test API
 * documents.
 */
public final class Integrations {

	private Integrations() {
	}

	/**
	 * A mock integration answering 200 {@code {"route":"<name>"}}, so a test sees which
	 * method matched.
	 */
	public static String mock(String name) {
		return "{type: mock, requestTemplates: {application/json: '{\"statusCode\": 200}'}, responses: {default: "
				+ "{statusCode: \"200\", responseTemplates: {application/json: '{\"route\":\"" + name + "\"}'}}}}";
	}

	/** An http_proxy integration to {@code uri} with the client's method. */
	public static String httpProxy(String uri) {
		return "{type: http_proxy, httpMethod: ANY, uri: \"" + uri + "\"}";
	}

}
