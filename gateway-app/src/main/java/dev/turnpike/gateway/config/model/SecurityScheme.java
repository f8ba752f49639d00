package dev.turnpike.gateway.config.model;

/**
 * A security scheme of the API document ({@code components.securitySchemes} or Swagger
 * 2.0 {@code securityDefinitions}).
 *
 * @param name the scheme's name
 * @param type {@code apiKey}, {@code oauth2}, ...
 * @param in for {@code apiKey}: {@code header} or {@code query}
 * @param parameterName for {@code apiKey}: the header or query parameter name
 * @param authorizer the {@code x-amazon-apigateway-authorizer}, or {@code null}
 * @param awsIam whether it is AWS's IAM scheme
 * ({@code x-amazon-apigateway-authtype: awsSigv4})
 */
public record SecurityScheme(String name, String type, String in, String parameterName, AuthorizerSpec authorizer,
		boolean awsIam) {

	/**
	 * The API key scheme AWS uses: {@code apiKey} in the {@code x-api-key} header, not an
	 * authorizer.
	 */
	public boolean isApiKey() {
		return "apiKey".equalsIgnoreCase(this.type) && "header".equalsIgnoreCase(this.in)
				&& "x-api-key".equalsIgnoreCase(this.parameterName) && this.authorizer == null && !this.awsIam;
	}

}
