package dev.turnpike.gateway.config.model;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A security scheme's {@code x-amazon-apigateway-authorizer}.
 *
 * @param name the security scheme's name
 * @param type what kind of authorizer
 * @param authorizerUri the Lambda invocation URI (TOKEN, REQUEST), may contain
 * {@code ${stageVariables.x}}
 * @param identitySources where the identity comes from (the token header for TOKEN, JWT
 * and Cognito)
 * @param identityValidationExpression TOKEN: the token must match; Cognito: the
 * {@code aud} must match
 * @param resultTtlSeconds how long a Lambda authorizer's decision is cached (0: not at
 * all)
 * @param issuer JWT: the issuer; Cognito: derived from the user pool ARN
 * @param audiences JWT: accepted {@code aud} (or {@code client_id}) values
 * @param userPoolArns Cognito: {@code providerARNs}
 * @param payloadFormatVersion REQUEST: the event the function gets, {@code 1.0} (REST's)
 * or {@code 2.0} (HTTP API's)
 * @param simpleResponses REQUEST with payload 2.0: the function answers
 * {@code {"isAuthorized": bool, "context": {...}}} instead of a policy
 */
public record AuthorizerSpec(String name, Type type, String authorizerUri, List<IdentitySource> identitySources,
		Pattern identityValidationExpression, int resultTtlSeconds, String issuer, List<String> audiences,
		List<String> userPoolArns, String payloadFormatVersion, boolean simpleResponses) {

	public AuthorizerSpec {
		payloadFormatVersion = (payloadFormatVersion != null) ? payloadFormatVersion : "1.0";
	}

	public AuthorizerSpec(String name, Type type, String authorizerUri, List<IdentitySource> identitySources,
			Pattern identityValidationExpression, int resultTtlSeconds, String issuer, List<String> audiences,
			List<String> userPoolArns) {
		this(name, type, authorizerUri, identitySources, identityValidationExpression, resultTtlSeconds, issuer,
				audiences, userPoolArns, "1.0", false);
	}

	/** Whether the function gets the HTTP API 2.0 event. */
	public boolean isPayload20() {
		return "2.0".equals(this.payloadFormatVersion);
	}

	public enum Type {

		/** Lambda authorizer given a bearer token. */
		TOKEN,
		/** Lambda authorizer given request parameters. */
		REQUEST,
		/** Amazon Cognito user pool tokens. */
		COGNITO_USER_POOLS,
		/** Any OIDC issuer's JWTs ({@code jwtConfiguration}). */
		JWT;

		public boolean isLambda() {
			return this == TOKEN || this == REQUEST;
		}

	}

	/** Where an identity value comes from. */
	public record IdentitySource(Kind kind, String name) {

		public enum Kind {

			HEADER, QUERYSTRING, STAGE_VARIABLE, CONTEXT

		}

		@Override
		public String toString() {
			return switch (this.kind) {
				case HEADER -> "method.request.header." + this.name;
				case QUERYSTRING -> "method.request.querystring." + this.name;
				case STAGE_VARIABLE -> "stageVariables." + this.name;
				case CONTEXT -> "context." + this.name;
			};
		}

	}

}
