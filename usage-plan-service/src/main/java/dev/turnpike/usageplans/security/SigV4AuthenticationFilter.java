package dev.turnpike.usageplans.security;

import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.turnpike.sigv4.SigV4Verifier;

/**
 * Authenticates requests signed with AWS Signature Version 4 (what the AWS CLI and SDKs
 * send) by the admin key pair. Requests without a SigV4 {@code Authorization} header pass
 * on to the other mechanisms (OIDC bearer tokens); wrongly signed ones are refused here
 * with AWS's 403 error.
 */
final class SigV4AuthenticationFilter extends OncePerRequestFilter {

	private static final Log LOG = LogFactory.getLog(SigV4AuthenticationFilter.class);

	/**
	 * Bodies of management requests are small; CSV imports of many keys stay well below
	 * this.
	 */
	static final int MAX_BODY_BYTES = 6 * 1024 * 1024;

	private final SigV4Verifier verifier;

	SigV4AuthenticationFilter(SigV4Verifier verifier) {
		this.verifier = verifier;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String authorization = request.getHeader("Authorization");
		if (authorization == null || !authorization.startsWith(SigV4Verifier.ALGORITHM)) {
			chain.doFilter(request, response);
			return;
		}
		byte[] body = request.getInputStream().readNBytes(MAX_BODY_BYTES + 1);
		if (body.length > MAX_BODY_BYTES) {
			SecurityErrors.write(response, 413, "RequestTooLargeException", "Request Too Long");
			return;
		}
		CachedBodyRequest cached = new CachedBodyRequest(request, body);
		try {
			String accessKeyId = this.verifier.verify(new SigV4Verifier.SignedRequest(request.getMethod(),
					request.getRequestURI(), request.getQueryString(), headers(request), body));
			SecurityContext context = SecurityContextHolder.createEmptyContext();
			context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated("sigv4:" + accessKeyId, null,
					AuthorityUtils.createAuthorityList("ROLE_ADMIN")));
			SecurityContextHolder.setContext(context);
			try {
				chain.doFilter(cached, response);
			}
			finally {
				SecurityContextHolder.clearContext();
			}
		}
		catch (SigV4Verifier.VerificationException ex) {
			LOG.info("Refused a SigV4 request to " + request.getMethod() + " " + request.getRequestURI() + ": "
					+ ex.errorType());
			SecurityErrors.write(response, 403, ex.errorType(), ex.getMessage());
		}
	}

	private static Map<String, List<String>> headers(HttpServletRequest request) {
		Map<String, List<String>> headers = new LinkedHashMap<>();
		for (String name : Collections.list(request.getHeaderNames())) {
			headers.put(name, Collections.list(request.getHeaders(name)));
		}
		return headers;
	}

}
