package dev.turnpike.gateway.hardening;

/**
 * The API the hostile-request suite attacks ({@code fortress}, stage {@code prod}): every
 * route behind a different guard, every backend a counting test backend named by a stage
 * variable.
 * <ul>
 * <li>{@code /keyed} (GET, POST) and {@code /render} (POST, an {@code http} integration
 * with a request template): an API key in a usage plan <em>and</em> a JWT from the test's
 * OIDC issuer;</li>
 * <li>{@code /lambda-token}: a Lambda TOKEN authorizer; {@code /lambda-request/{id}}: a
 * Lambda REQUEST authorizer (identity: header {@code X-User} and query
 * {@code tenant});</li>
 * <li>{@code /internal}: the resource policy admits 10.0.0.0/8 only; {@code /partner}: no
 * statement admits it (a statement admitting a named IAM principal would be refused at
 * load: callers have no identities yet), so every caller is refused;</li>
 * <li>{@code /validated} (POST): a required header and a JSON Schema body model;</li>
 * <li>{@code /templated/{id}}: a {@code mock} integration whose templates render request
 * data (no backend at all);</li>
 * <li>{@code /public/{proxy+}}: open by design, so path tricks can try to climb out of it
 * onto guarded paths.</li>
 * </ul>
 * The resource policy denies 203.0.113.0/24 and 2001:db8:bad::/48 everywhere, whatever
 * else the request carries. It allows everyone else on the routes without a Lambda
 * authorizer only: as on AWS, a policy Allow would admit a request whose Lambda
 * authorizer merely says nothing about it (its policy covers another resource), so on the
 * Lambda routes the authorizer alone decides.
 */
final class FortressApi {

	static final String ID = "fortress";

	static final String HOST = ID + ".execute-api.turnpike.test";

	static final String AUDIENCE = "fortress-api";

	/** The backends, by stage variable; each route's integration points at its own. */
	static final String[] BACKENDS = { "keyed", "render", "lambdaToken", "lambdaRequest", "internal", "partner",
			"validated", "open" };

	/** {@code %1$s}: the JWT issuer. */
	private static final String DOCUMENT = """
			openapi: 3.0.1
			info: {title: Fortress, version: "1"}
			x-amazon-apigateway-request-validators:
			  all: {validateRequestBody: true, validateRequestParameters: true}
			x-amazon-apigateway-policy:
			  Version: "2012-10-17"
			  Statement:
			    - Effect: Allow
			      Principal: "*"
			      Action: execute-api:Invoke
			      Resource: ["execute-api:/*/*/keyed", "execute-api:/*/POST/render", "execute-api:/*/GET/internal",
			                 "execute-api:/*/POST/validated", "execute-api:/*/*/templated/*", "execute-api:/*/*/public/*"]
			    - Effect: Deny
			      Principal: "*"
			      Action: execute-api:Invoke
			      Resource: execute-api:/*/GET/internal
			      Condition: {NotIpAddress: {"aws:SourceIp": "10.0.0.0/8"}}
			    - Effect: Deny
			      Principal: "*"
			      Action: execute-api:Invoke
			      Resource: execute-api:/*
			      Condition: {IpAddress: {"aws:SourceIp": ["203.0.113.0/24", "2001:db8:bad::/48"]}}
			paths:
			  /keyed:
			    get:
			      security: [{api_key: [], jwt: []}]
			      x-amazon-apigateway-integration: {type: http_proxy, httpMethod: GET, uri: "${stageVariables.keyed}/keyed"}
			    post:
			      security: [{api_key: [], jwt: []}]
			      x-amazon-apigateway-integration: {type: http_proxy, httpMethod: POST, uri: "${stageVariables.keyed}/keyed"}
			  /render:
			    post:
			      security: [{api_key: [], jwt: []}]
			      x-amazon-apigateway-integration:
			        type: http
			        httpMethod: POST
			        uri: "${stageVariables.render}/render"
			        passthroughBehavior: never
			        requestTemplates:
			          application/json: '{"probe": $input.json(''$.probe''), "all": $input.json(''$'')}'
			        responses:
			          default: {statusCode: "200"}
			  /lambda-token:
			    get:
			      security: [{tokenAuth: []}]
			      x-amazon-apigateway-integration: {type: http_proxy, httpMethod: GET, uri: "${stageVariables.lambdaToken}/lambda-token"}
			  /lambda-request/{id}:
			    get:
			      security: [{requestAuth: []}]
			      x-amazon-apigateway-integration: {type: http_proxy, httpMethod: GET, uri: "${stageVariables.lambdaRequest}/lambda-request"}
			  /internal:
			    get:
			      x-amazon-apigateway-integration: {type: http_proxy, httpMethod: GET, uri: "${stageVariables.internal}/internal"}
			  /partner:
			    get:
			      x-amazon-apigateway-integration: {type: http_proxy, httpMethod: GET, uri: "${stageVariables.partner}/partner"}
			  /validated:
			    post:
			      x-amazon-apigateway-request-validator: all
			      parameters: [{in: header, name: X-Tenant, required: true, schema: {type: string}}]
			      requestBody:
			        required: true
			        content: {application/json: {schema: {$ref: "#/components/schemas/Pet"}}}
			      x-amazon-apigateway-integration: {type: http_proxy, httpMethod: POST, uri: "${stageVariables.validated}/validated"}
			  /templated/{id}:
			    get:
			      x-amazon-apigateway-integration: %2$s
			    post:
			      x-amazon-apigateway-integration: %2$s
			  /public/{proxy+}:
			    x-amazon-apigateway-any-method:
			      parameters: [{name: proxy, in: path, required: true, schema: {type: string}}]
			      x-amazon-apigateway-integration:
			        type: http_proxy
			        httpMethod: ANY
			        uri: "${stageVariables.open}/public/{proxy}"
			        requestParameters: {integration.request.path.proxy: method.request.path.proxy}
			components:
			  schemas:
			    Pet:
			      type: object
			      additionalProperties: false
			      required: [name, price]
			      properties:
			        name: {type: string, maxLength: 64}
			        price: {type: number, minimum: 1, maximum: 500}
			        tags: {type: array, maxItems: 8, items: {type: string, maxLength: 32}}
			  securitySchemes:
			    api_key: {type: apiKey, name: x-api-key, in: header}
			    jwt:
			      type: oauth2
			      x-amazon-apigateway-authorizer:
			        type: jwt
			        identitySource: $request.header.Authorization
			        jwtConfiguration:
			          issuer: %1$s
			          audience: [fortress-api]
			    tokenAuth:
			      type: apiKey
			      name: Authorization
			      in: header
			      x-amazon-apigateway-authtype: custom
			      x-amazon-apigateway-authorizer:
			        type: token
			        authorizerUri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/token-authorizer/invocations
			        identityValidationExpression: "^Bearer [A-Za-z0-9-]{1,64}$"
			        authorizerResultTtlInSeconds: 0
			    requestAuth:
			      type: apiKey
			      name: Unused
			      in: header
			      x-amazon-apigateway-authorizer:
			        type: request
			        identitySource: method.request.header.X-User, method.request.querystring.tenant
			        authorizerUri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/request-authorizer/invocations
			        authorizerResultTtlInSeconds: 0
			""";

	/**
	 * The mock integration of {@code /templated/{id}}: the request template reads the
	 * body through {@code $input.json} (so huge and deep bodies go through the template
	 * engine), the response template prints the query parameter {@code q}, the header
	 * {@code X-Probe} and the path parameter {@code id} as they are, between fixed
	 * markers.
	 */
	private static final String MOCK = "{type: mock, requestTemplates: {application/json: '#set($probe = $input.json(''$.probe''))"
			+ "#set($all = $input.json(''$'')) {\"statusCode\": 200}'}, responses: {default: {statusCode: \"200\", "
			+ "responseTemplates: {application/json: \"q=$input.params('q')|h=$input.params('X-Probe')|id=$input.params('id')|end\"}}}}";

	private FortressApi() {
	}

	static String document(String issuer) {
		return DOCUMENT.formatted(issuer, MOCK);
	}

}
