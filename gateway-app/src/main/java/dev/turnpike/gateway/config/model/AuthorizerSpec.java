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
 */
public record AuthorizerSpec(String name, Type type, String authorizerUri, List<IdentitySource> identitySources,
		Pattern identityValidationExpression, int resultTtlSeconds, String issuer, List<String> audiences,
		List<String> userPoolArns) {

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
