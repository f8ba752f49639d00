package dev.turnpike.usageplans.ui;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

import dev.turnpike.usageplans.TurnpikeProperties;

/**
 * Who may use the management UI: people signed in with the identity provider (OIDC login,
 * roles from the token's roles claim) or with a configured local account. Admins may
 * change things, viewers only look. Every form carries a CSRF token; the session cookie
 * is HttpOnly and SameSite=Lax (Secure behind TLS); pages forbid inline scripts and
 * framing through their Content-Security-Policy.
 */
@Configuration(proxyBeanMethods = false)
class UiSecurityConfiguration {

	private static final Logger LOG = LoggerFactory.getLogger(UiSecurityConfiguration.class);

	static final String[] UI_PATHS = { "/", "/ui", "/ui/**", "/login", "/logout", "/assets/**", "/webjars/**",
			"/oauth2/**", "/login/oauth2/**" };

	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

	@Bean
	@Order(2)
	SecurityFilterChain managementUi(HttpSecurity http, ObjectProvider<ClientRegistrationRepository> oidc,
			TurnpikeProperties properties) throws Exception {
		http.securityMatcher(UI_PATHS)
			.authorizeHttpRequests(
					requests -> requests.requestMatchers("/login", "/ui/forbidden", "/assets/**", "/webjars/**")
						.permitAll()
						.requestMatchers(HttpMethod.GET, "/ui/plans/new", "/ui/keys/new", "/ui/plans/*/delete",
								"/ui/keys/*/delete")
						.hasRole("ADMIN")
						.requestMatchers(HttpMethod.GET, "/", "/ui", "/ui/**")
						.hasAnyRole("ADMIN", "VIEWER")
						.anyRequest()
						.hasRole("ADMIN"))
			.formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/ui", true).permitAll())
			.logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?signedOut"))
			.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
				.referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)))
			.exceptionHandling(errors -> errors.accessDeniedPage("/ui/forbidden"));
		if (oidc.getIfAvailable() != null) {
			TurnpikeProperties.Oidc roles = properties.admin().oidc();
			OidcUserService users = new OidcUserService();
			http.oauth2Login(login -> login.loginPage("/login")
				.defaultSuccessUrl("/ui", true)
				.userInfoEndpoint(info -> info.oidcUserService(request -> {
					OidcUser user = users.loadUser(request);
					return new DefaultOidcUser(roles(user.getClaims(), roles), user.getIdToken(), user.getUserInfo(),
							"sub");
				})));
		}
		return http.build();
	}

	/**
	 * The token's roles claim (a list or a space-separated string) as ROLE_ADMIN /
	 * ROLE_VIEWER.
	 */
	static Collection<GrantedAuthority> roles(Map<String, Object> claims, TurnpikeProperties.Oidc oidc) {
		Object claim = claims.get(oidc.rolesClaim());
		List<String> names = new ArrayList<>();
		if (claim instanceof Collection<?> values) {
			values.forEach(value -> names.add(String.valueOf(value)));
		}
		else if (claim instanceof String text) {
			names.addAll(List.of(text.split("\\s+")));
		}
		List<GrantedAuthority> authorities = new ArrayList<>();
		if (names.contains(oidc.adminRole())) {
			authorities.add(new SimpleGrantedAuthority("ROLE_ADMIN"));
		}
		if (names.contains(oidc.viewerRole())) {
			authorities.add(new SimpleGrantedAuthority("ROLE_VIEWER"));
		}
		return authorities;
	}

	/**
	 * The configured local accounts (none by default: without them, only OIDC sign-in
	 * works).
	 */
	@Bean
	InMemoryUserDetailsManager uiUsers(TurnpikeProperties properties) {
		List<UserDetails> users = new ArrayList<>();
		for (TurnpikeProperties.User user : properties.ui().users()) {
			String role = user.role().toLowerCase(Locale.ROOT);
			if (!role.equals("admin") && !role.equals("viewer")) {
				throw new IllegalStateException(
						"turnpike.ui.users: role of " + user.username() + " must be admin or viewer");
			}
			if (user.password() == null || !user.password().startsWith("{")) {
				throw new IllegalStateException("turnpike.ui.users: the password of " + user.username()
						+ " must be encoded ({bcrypt}..., or {noop}... for a local run)");
			}
			if (user.password().startsWith("{noop}")) {
				LOG.warn("turnpike.ui.users: {} has a plain-text ({noop}) password; use {bcrypt} outside a local run",
						user.username());
			}
			users.add(User.withUsername(user.username())
				.password(user.password())
				.passwordEncoder(raw -> raw)
				.roles(role.toUpperCase(Locale.ROOT))
				.build());
		}
		return new InMemoryUserDetailsManager(users);
	}

	@Bean
	org.springframework.security.crypto.password.PasswordEncoder uiPasswordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

}
