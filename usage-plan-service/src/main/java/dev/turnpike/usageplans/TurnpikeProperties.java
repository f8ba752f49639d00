package dev.turnpike.usageplans;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The usage-plan service's settings under {@code turnpike.*}.
 *
 * @param admin who may call the management API
 * @param apiKeys how key values are hashed and rotated
 * @param ui who may sign in to the management UI
 */
@ConfigurationProperties("turnpike")
public record TurnpikeProperties(@DefaultValue Admin admin, @DefaultValue ApiKeys apiKeys, @DefaultValue Ui ui) {

	/**
	 * Sign-in to the management UI. With an OIDC client registration
	 * ({@code spring.security.oauth2.client.*}) people sign in with the identity provider
	 * and get the admin or viewer role from its roles claim; local users are for the
	 * local run and small setups. There are no default users.
	 *
	 * @param users local accounts; passwords in Spring Security's encoded form
	 * ({@code {bcrypt}...})
	 */
	public record Ui(List<User> users) {

		public Ui {
			users = (users != null) ? List.copyOf(users) : List.of();
		}

	}

	/**
	 * @param username the sign-in name
	 * @param password the encoded password ({@code {bcrypt}$2a$...}; {@code {noop}} only
	 * for local runs)
	 * @param role {@code admin} or {@code viewer}
	 */
	public record User(String username, String password, @DefaultValue("viewer") String role) {
	}

	/**
	 * @param accessKeyId the admin access key id for SigV4-signed requests
	 * ({@code TURNPIKE_ADMIN_ACCESS_KEY_ID}); unset disables SigV4
	 * @param secretAccessKey its secret ({@code TURNPIKE_ADMIN_SECRET_ACCESS_KEY})
	 * @param clockSkew how far a signed request's time may be from the server's
	 * @param oidc roles for OIDC bearer tokens (the issuer is
	 * {@code spring.security.oauth2.resourceserver.jwt.issuer-uri})
	 */
	public record Admin(String accessKeyId, String secretAccessKey, @DefaultValue("5m") Duration clockSkew,
			@DefaultValue Oidc oidc) {
	}

	/**
	 * @param rolesClaim the token claim listing roles (a list, or a space-separated
	 * string)
	 * @param adminRole the role that may change things
	 * @param viewerRole the role that may only read
	 */
	public record Oidc(@DefaultValue("roles") String rolesClaim, @DefaultValue("turnpike-admin") String adminRole,
			@DefaultValue("turnpike-viewer") String viewerRole) {
	}

	/**
	 * @param hashSecret the secret key values are hashed with; the gateway must use the
	 * same one ({@code TURNPIKE_API_KEYS_HASH_SECRET}, at least 32 bytes, required)
	 * @param rotationGrace how long a rotated-out value keeps working unless the rotation
	 * says otherwise
	 */
	public record ApiKeys(String hashSecret, @DefaultValue("24h") Duration rotationGrace) {
	}

}
