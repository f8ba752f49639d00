package dev.turnpike.gateway.authorizer;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.web.server.ServerWebExchange;

import dev.turnpike.gateway.config.model.AuthorizerSpec;
import dev.turnpike.gateway.context.ApiRequestContext;
import dev.turnpike.gateway.error.GatewayException;
import dev.turnpike.gateway.error.GatewayResponseType;

/**
 * JWT ({@code jwtConfiguration}) and Cognito user pool authorizers. The token comes from
 * the identity source (raw or {@code Bearer <token>}), is verified by
 * {@link JwtVerifiers}, then checked for its audience (JWT: {@code aud}, or
 * {@code client_id} when there is no {@code aud}; Cognito: {@code token_use} and the
 * {@code identityValidationExpression} on {@code aud}) and the method's scopes. Failures
 * are 401 with {@code WWW-Authenticate}; a JWT authorizer's missing scope is 403
 * {@code insufficient_scope}, a Cognito authorizer's is 401, as on AWS. Claims become
 * {@code $context.authorizer.claims.<claim>}.
 */
public final class JwtAuthorizer {

	private static final Log LOG = LogFactory.getLog(JwtAuthorizer.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final JwtVerifiers verifiers;

	public JwtAuthorizer(JwtVerifiers verifiers) {
		this.verifiers = verifiers;
	}

	public Mono<Void> authorize(AuthorizerSpec spec, List<String> scopes, ServerWebExchange exchange,
			ApiRequestContext context) {
		List<String> identity = LambdaAuthorizer.identityValues(spec, exchange, context);
		if (identity == null) {
			return Mono.error(unauthorized("Bearer"));
		}
		String token = identity.get(0).trim();
		if (token.regionMatches(true, 0, "Bearer ", 0, 7)) {
			token = token.substring(7).trim();
		}
		return this.verifiers.verify(spec.issuer(), token).onErrorMap(JwtException.class, error -> {
			if (LOG.isDebugEnabled()) {
				LOG.debug("Rejected a token for issuer " + spec.issuer() + ": " + error.getMessage()
						+ ((error.getCause() != null) ? " (" + error.getCause().getMessage() + ")" : "")
						+ ((error instanceof JwtValidationException v) ? " " + v.getErrors() : ""));
			}
			return unauthorized(invalidToken(describe(error)));
		})
			.onErrorMap(IllegalStateException.class,
					error -> GatewayException.withStatus(GatewayResponseType.AUTHORIZER_FAILURE, 500, error))
			.flatMap(jwt -> {
				check(spec, scopes, jwt);
				context.authorized(new ApiRequestContext.AuthorizerResult(jwt.getSubject(), Map.of(), claims(jwt)));
				return Mono.<Void>empty();
			});
	}

	private static void check(AuthorizerSpec spec, List<String> scopes, Jwt jwt) {
		if (spec.type() == AuthorizerSpec.Type.JWT) {
			List<String> audience = jwt.getAudience();
			String clientId = jwt.getClaimAsString("client_id");
			boolean audienceOk = (audience != null && !audience.isEmpty())
					? audience.stream().anyMatch(spec.audiences()::contains)
					: clientId != null && spec.audiences().contains(clientId);
			if (!audienceOk) {
				throw unauthorized(invalidToken("the token does not have a valid audience"));
			}
			if (!scopes.isEmpty() && tokenScopes(jwt).stream().noneMatch(scopes::contains)) {
				throw GatewayException.of(GatewayResponseType.ACCESS_DENIED, "Forbidden")
					.withHeaders(Map.of("WWW-Authenticate",
							"Bearer error=\"insufficient_scope\", scope=\"" + String.join(" ", scopes) + "\""));
			}
			return;
		}
		String tokenUse = jwt.getClaimAsString("token_use");
		if (!"id".equals(tokenUse) && !"access".equals(tokenUse)) {
			throw unauthorized(invalidToken("the token is not a Cognito ID or access token"));
		}
		if (spec.identityValidationExpression() != null) {
			List<String> audience = jwt.getAudience();
			if (audience == null
					|| audience.stream().noneMatch(aud -> spec.identityValidationExpression().matcher(aud).matches())) {
				throw unauthorized(invalidToken("the token's audience does not match"));
			}
		}
		if (!scopes.isEmpty()
				&& (!"access".equals(tokenUse) || tokenScopes(jwt).stream().noneMatch(scopes::contains))) {
			throw unauthorized(invalidToken("the token lacks the scopes this method requires"));
		}
	}

	/**
	 * {@code scope} (space-separated) or {@code scp} (a list or a space-separated
	 * string).
	 */
	static List<String> tokenScopes(Jwt jwt) {
		Object scope = jwt.getClaims().containsKey("scope") ? jwt.getClaims().get("scope") : jwt.getClaims().get("scp");
		if (scope instanceof String text) {
			return List.of(text.trim().split("\\s+"));
		}
		if (scope instanceof Collection<?> values) {
			return values.stream().map(String::valueOf).toList();
		}
		return List.of();
	}

	private static Map<String, String> claims(Jwt jwt) {
		Map<String, String> claims = new LinkedHashMap<>();
		jwt.getClaims().forEach((name, value) -> {
			String text;
			if (value instanceof Instant instant) {
				text = Long.toString(instant.getEpochSecond());
			}
			else if (value instanceof Collection<?> values) {
				text = String.join(",", values.stream().map(String::valueOf).toList());
			}
			else if (value instanceof Map<?, ?>) {
				text = JSON.writeValueAsString(value);
			}
			else {
				text = String.valueOf(value);
			}
			claims.put(name, text);
		});
		return Map.copyOf(claims);
	}

	private static String describe(JwtException error) {
		if (error instanceof JwtValidationException validation && !validation.getErrors().isEmpty()) {
			String description = validation.getErrors().iterator().next().getDescription();
			return (description != null) ? description : "the token is not valid";
		}
		return "the token is not valid";
	}

	private static String invalidToken(String description) {
		return "Bearer error=\"invalid_token\", error_description=\"" + description.replace("\"", "'") + "\"";
	}

	private static GatewayException unauthorized(String challenge) {
		return GatewayException.of(GatewayResponseType.UNAUTHORIZED).withHeaders(Map.of("WWW-Authenticate", challenge));
	}

}
