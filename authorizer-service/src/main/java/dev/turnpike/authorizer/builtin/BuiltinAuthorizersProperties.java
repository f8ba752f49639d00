package dev.turnpike.authorizer.builtin;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The built-in authorizers ({@code turnpike.authorizers.*}), each a map from function
 * name to its settings.
 *
 * @param introspection OAuth2 token introspection (RFC 7662) for opaque tokens
 * @param signedRequests HMAC-signed requests for service-to-service calls
 * @param staticRules fixed tokens or header values mapped to a principal, resources and
 * context
 */
@ConfigurationProperties("turnpike.authorizers")
public record BuiltinAuthorizersProperties(Map<String, Introspection> introspection,
		Map<String, SignedRequests> signedRequests, Map<String, StaticRules> staticRules) {

	public BuiltinAuthorizersProperties {
		introspection = (introspection != null) ? Map.copyOf(introspection) : Map.of();
		signedRequests = (signedRequests != null) ? Map.copyOf(signedRequests) : Map.of();
		staticRules = (staticRules != null) ? Map.copyOf(staticRules) : Map.of();
	}

	/**
	 * @param introspectionUri the authorization server's introspection endpoint
	 * @param clientId the client the service authenticates as (HTTP Basic)
	 * @param clientSecret its secret
	 * @param requiredScopes scopes of which the token needs one; without, the request is
	 * denied (403)
	 * @param resources what an allowed token may invoke; by default every method of the
	 * stage it called
	 * @param timeout how long to wait for the authorization server
	 */
	public record Introspection(URI introspectionUri, String clientId, String clientSecret, List<String> requiredScopes,
			List<String> resources, @DefaultValue("2s") Duration timeout) {

		public Introspection {
			requiredScopes = (requiredScopes != null) ? List.copyOf(requiredScopes) : List.of();
			resources = (resources != null) ? List.copyOf(resources) : List.of();
		}

	}

	/**
	 * @param credentials the callers, by key id
	 * @param maxClockSkew how far a request's timestamp may be from now (a signature
	 * older than this is refused)
	 */
	public record SignedRequests(Map<String, Credential> credentials, @DefaultValue("5m") Duration maxClockSkew) {

		public SignedRequests {
			credentials = (credentials != null) ? Map.copyOf(credentials) : Map.of();
		}

	}

	/**
	 * @param secret the shared signing secret (at least 32 characters)
	 * @param principal the principal id the caller is known by
	 * @param resources what the caller may invoke; by default exactly the method it
	 * signed a request for
	 * @param context context values passed on to the backend
	 */
	public record Credential(String secret, String principal, List<String> resources, Map<String, String> context) {

		public Credential {
			resources = (resources != null) ? List.copyOf(resources) : List.of();
			context = (context != null) ? Map.copyOf(context) : Map.of();
		}

	}

	/**
	 * @param header where a REQUEST authorizer's event carries the value (TOKEN events
	 * carry it as the token)
	 * @param rules the values and what each stands for
	 */
	public record StaticRules(@DefaultValue("Authorization") String header, List<Rule> rules) {

		public StaticRules {
			rules = (rules != null) ? List.copyOf(rules) : List.of();
		}

	}

	/**
	 * One rule. Give the value as {@code token} or, to keep it out of the configuration,
	 * as the hex SHA-256 of it ({@code token-sha256}). A {@code Bearer } prefix on the
	 * presented value is ignored.
	 *
	 * @param token the value
	 * @param tokenSha256 the hex SHA-256 of the value
	 * @param principal the principal id
	 * @param effect {@code Allow} or {@code Deny}
	 * @param resources what it may (or may not) invoke; by default every method of the
	 * stage called
	 * @param context context values passed on to the backend
	 * @param usageIdentifierKey the API key its requests count against (for
	 * {@code AUTHORIZER} key sources)
	 */
	public record Rule(String token, String tokenSha256, String principal, @DefaultValue("Allow") String effect,
			List<String> resources, Map<String, String> context, String usageIdentifierKey) {

		public Rule {
			resources = (resources != null) ? List.copyOf(resources) : List.of();
			context = (context != null) ? Map.copyOf(context) : Map.of();
		}

	}

}
