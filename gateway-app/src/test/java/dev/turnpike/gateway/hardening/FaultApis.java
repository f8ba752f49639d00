package dev.turnpike.gateway.hardening;

/** The APIs the fault tests send traffic to. */
final class FaultApis {

	/** Key-protected {@code /pets}. */
	static final String METERED = """
			openapi: 3.0.1
			info: {title: Metered, version: "1"}
			paths:
			  /pets:
			    get:
			      security: [{api_key: []}]
			      x-amazon-apigateway-integration: {type: http_proxy, httpMethod: GET, uri: "${stageVariables.backend}/pets"}
			components:
			  securitySchemes:
			    api_key: {type: apiKey, name: x-api-key, in: header}
			""";

	/** {@code /orders} behind a JWT authorizer trusting the issuer {@code %1$s}. */
	static final String JWT = """
			openapi: 3.0.1
			info: {title: Jwt, version: "1"}
			paths:
			  /orders:
			    get:
			      security: [{jwt: []}]
			      x-amazon-apigateway-integration:
			        type: http_proxy
			        httpMethod: GET
			        uri: "${stageVariables.backend}/orders"
			        requestParameters:
			          integration.request.header.X-Subject: context.authorizer.claims.sub
			components:
			  securitySchemes:
			    jwt:
			      type: oauth2
			      x-amazon-apigateway-authorizer:
			        type: jwt
			        identitySource: $request.header.Authorization
			        jwtConfiguration:
			          issuer: %1$s
			          audience: [orders-api]
			""";

	/**
	 * {@code /pets} behind a token authorizer whose decisions are not cached (every
	 * request invokes it).
	 */
	static final String LAMBDA_GUARDED = """
			openapi: 3.0.1
			info: {title: Guarded, version: "1"}
			paths:
			  /pets:
			    get:
			      security: [{tokenAuth: []}]
			      x-amazon-apigateway-integration: {type: http_proxy, httpMethod: GET, uri: "${stageVariables.backend}/pets"}
			components:
			  securitySchemes:
			    tokenAuth:
			      type: apiKey
			      name: Authorization
			      in: header
			      x-amazon-apigateway-authtype: custom
			      x-amazon-apigateway-authorizer:
			        type: token
			        authorizerUri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:authorizer/invocations
			        authorizerResultTtlInSeconds: 0
			""";

	/**
	 * The same faulty backend behind a streaming ({@code http_proxy}) and a buffering
	 * ({@code http}) integration.
	 */
	static final String FRAGILE = """
			openapi: 3.0.1
			info: {title: Fragile, version: "1"}
			paths:
			  /proxied:
			    get:
			      x-amazon-apigateway-integration:
			        type: http_proxy
			        httpMethod: GET
			        uri: "${stageVariables.backend}/proxied"
			        timeoutInMillis: 1000
			  /buffered:
			    get:
			      x-amazon-apigateway-integration:
			        type: http
			        httpMethod: GET
			        uri: "${stageVariables.backend}/buffered"
			        timeoutInMillis: 1000
			        responses: {default: {statusCode: "200"}}
			""";

	private FaultApis() {
	}

}
