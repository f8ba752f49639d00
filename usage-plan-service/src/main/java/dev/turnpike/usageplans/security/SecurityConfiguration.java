package dev.turnpike.usageplans.security;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import jakarta.servlet.DispatcherType;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;

import dev.turnpike.sigv4.SigV4Verifier;
import dev.turnpike.usageplans.TurnpikeProperties;

/**
 * Who may call the management API: requests SigV4-signed by the admin key pair (AWS CLI,
 * SDKs), or bearing an OIDC token with the admin role (scripts, the UI's back end).
 * Readers (the viewer role) may only {@code GET}. Health is open. Every refusal is an
 * AWS-style 403.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	static final String[] MANAGEMENT_API = { "/apikeys", "/apikeys/**", "/usageplans", "/usageplans/**", "/audit",
			"/restapis/**" };

	@Bean
	SigV4Verifier sigV4Verifier(TurnpikeProperties properties, Clock clock) {
		TurnpikeProperties.Admin admin = properties.admin();
		return new SigV4Verifier("apigateway",
				accessKeyId -> (admin.accessKeyId() != null && admin.accessKeyId().equals(accessKeyId))
						? admin.secretAccessKey() : null,
				admin.clockSkew(), clock);
	}

	@Bean
	@Order(1)
	SecurityFilterChain managementApi(HttpSecurity http, SigV4Verifier verifier, TurnpikeProperties properties,
			@Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri:}") String issuer) throws Exception {
		http.securityMatcher(MANAGEMENT_API)
			.csrf(csrf -> csrf.disable())
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.authorizeHttpRequests(requests -> requests.requestMatchers(HttpMethod.GET, MANAGEMENT_API)
				.hasAnyRole("ADMIN", "VIEWER")
				.anyRequest()
				.hasRole("ADMIN"))
			.addFilterBefore(new SigV4AuthenticationFilter(verifier), BearerTokenAuthenticationFilter.class)
			.exceptionHandling(errors -> errors
				.authenticationEntryPoint((request, response, ex) -> SecurityErrors.write(response, 403,
						"MissingAuthenticationTokenException", "Missing Authentication Token"))
				.accessDeniedHandler((request, response, ex) -> SecurityErrors.write(response, 403,
						"AccessDeniedException", "User is not authorized to perform this action")));
		if (!issuer.isBlank()) {
			TurnpikeProperties.Oidc oidc = properties.admin().oidc();
			http.oauth2ResourceServer(resource -> resource
				.authenticationEntryPoint((request, response, ex) -> SecurityErrors.write(response, 403,
						"UnrecognizedClientException", "The security token included in the request is invalid."))
				.jwt(jwt -> jwt.jwtAuthenticationConverter(
						token -> new JwtAuthenticationToken(token, roles(token, oidc), "oidc:" + token.getSubject()))));
		}
		return http.build();
	}

	/**
	 * Maps the token's roles claim (a list or a space-separated string) to ROLE_ADMIN /
	 * ROLE_VIEWER.
	 */
	static Collection<GrantedAuthority> roles(Jwt token, TurnpikeProperties.Oidc oidc) {
		Object claim = token.getClaims().get(oidc.rolesClaim());
		List<String> roles = new ArrayList<>();
		if (claim instanceof Collection<?> values) {
			values.forEach(value -> roles.add(String.valueOf(value)));
		}
		else if (claim instanceof String text) {
			roles.addAll(List.of(text.split("\\s+")));
		}
		List<GrantedAuthority> authorities = new ArrayList<>();
		if (roles.contains(oidc.adminRole())) {
			authorities.add(new SimpleGrantedAuthority("ROLE_ADMIN"));
		}
		if (roles.contains(oidc.viewerRole())) {
			authorities.add(new SimpleGrantedAuthority("ROLE_VIEWER"));
		}
		return authorities;
	}

	/**
	 * Everything else (actuator): health and metrics are open; nothing else is exposed.
	 */
	@Bean
	@Order(3)
	SecurityFilterChain everythingElse(HttpSecurity http) throws Exception {
		http.csrf(csrf -> csrf.disable())
			.authorizeHttpRequests(requests -> requests
				.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus")
				.permitAll()
				// Spring Boot's error page for requests that failed elsewhere (it shows
				// no details).
				.dispatcherTypeMatchers(DispatcherType.ERROR)
				.permitAll()
				.anyRequest()
				.denyAll())
			.exceptionHandling(errors -> errors.authenticationEntryPoint((request, response, ex) -> SecurityErrors
				.write(response, 403, "MissingAuthenticationTokenException", "Missing Authentication Token")));
		return http.build();
	}

}
