package dev.turnpike.authorizer.builtin;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayCustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.IamPolicyResponseV1;

import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.http.client.support.BasicAuthenticationInterceptor;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;
import org.springframework.security.oauth2.server.resource.introspection.OAuth2IntrospectionException;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;
import org.springframework.security.oauth2.server.resource.introspection.SpringOpaqueTokenIntrospector;
import org.springframework.web.client.RestTemplate;

/**
 * OAuth2 token introspection (RFC 7662) for opaque tokens, through Spring Security's
 * introspection client. An active token is allowed with its {@code sub} (or
 * {@code username}, or {@code client_id}) as the principal and its claims in the context;
 * an inactive or unknown token is {@code Unauthorized} (401); an active token without one
 * of the required scopes is denied (403). When the authorization server cannot answer,
 * the invocation fails, which the gateway turns into a 500: no token is let through on an
 * error.
 */
public final class IntrospectionAuthorizer
		implements RequestHandler<APIGatewayCustomAuthorizerEvent, IamPolicyResponseV1> {

	private final OpaqueTokenIntrospector introspector;

	private final BuiltinAuthorizersProperties.Introspection settings;

	public IntrospectionAuthorizer(String name, BuiltinAuthorizersProperties.Introspection settings) {
		String where = "turnpike.authorizers.introspection." + name;
		if (settings.introspectionUri() == null) {
			throw new IllegalStateException(where + ".introspection-uri is required");
		}
		if (settings.clientId() == null || settings.clientSecret() == null) {
			throw new IllegalStateException(where + ".client-id and .client-secret are required");
		}
		this.settings = settings;
		SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
		requests.setConnectTimeout(settings.timeout());
		requests.setReadTimeout(settings.timeout());
		RestTemplate rest = new RestTemplate(requests);
		rest.getInterceptors().add(new BasicAuthenticationInterceptor(settings.clientId(), settings.clientSecret()));
		this.introspector = new SpringOpaqueTokenIntrospector(settings.introspectionUri().toString(), rest);
	}

	@Override
	public IamPolicyResponseV1 handleRequest(APIGatewayCustomAuthorizerEvent event, Context context) {
		String token = Tokens.bearer(Tokens.identity(event, "Authorization"));
		if (token == null) {
			throw Policies.unauthorized();
		}
		OAuth2AuthenticatedPrincipal principal;
		try {
			principal = this.introspector.introspect(token);
		}
		catch (BadOpaqueTokenException ex) {
			throw Policies.unauthorized();
		}
		catch (OAuth2IntrospectionException ex) {
			throw new IllegalStateException(
					"token introspection at " + this.settings.introspectionUri() + " failed: " + ex.getMessage(), ex);
		}
		Map<String, Object> claims = principal.getAttributes();
		String principalId = first(claims, "sub", "username", "client_id");
		if (principalId == null) {
			principalId = principal.getName();
		}
		List<String> scopes = scopes(claims.get("scope"));
		String effect = (this.settings.requiredScopes().isEmpty()
				|| scopes.stream().anyMatch(this.settings.requiredScopes()::contains)) ? IamPolicyResponseV1.ALLOW
						: IamPolicyResponseV1.DENY;
		return Policies.policy(principalId, effect, Policies.resources(this.settings.resources(), event.getMethodArn()),
				context(claims, scopes), null);
	}

	private static String first(Map<String, Object> claims, String... names) {
		for (String name : names) {
			Object value = claims.get(name);
			if (value != null && !value.toString().isEmpty()) {
				return value.toString();
			}
		}
		return null;
	}

	private static List<String> scopes(Object scope) {
		if (scope instanceof Collection<?> values) {
			return values.stream().map(String::valueOf).toList();
		}
		if (scope instanceof String text && !text.isBlank()) {
			return List.of(text.trim().split("\\s+"));
		}
		return List.of();
	}

	/**
	 * The claims an authorizer context can carry: strings, numbers and booleans (times as
	 * epoch seconds).
	 */
	private static Map<String, Object> context(Map<String, Object> claims, List<String> scopes) {
		Map<String, Object> context = new LinkedHashMap<>();
		claims.forEach((name, value) -> {
			if (value instanceof String || value instanceof Number || value instanceof Boolean) {
				context.put(name, value);
			}
			else if (value instanceof Instant instant) {
				context.put(name, instant.getEpochSecond());
			}
			else if (value != null && !(value instanceof Collection<?>) && !(value instanceof Map<?, ?>)) {
				context.put(name, value.toString());
			}
		});
		if (!scopes.isEmpty()) {
			context.put("scope", String.join(" ", scopes));
		}
		return context;
	}

}
