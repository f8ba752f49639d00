package dev.turnpike.authorizer.invoke;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import dev.turnpike.sigv4.SigV4Verifier;

/**
 * Checks that an invocation is signed as AWS Lambda requires: AWS Signature Version 4 for
 * service {@code lambda} in the configured region, by the configured key pair, within the
 * clock skew, over the whole payload. The shared {@link SigV4Verifier} does the checking;
 * this class only hands it the request's parts.
 */
final class SignedInvocations {

	static final String SERVICE = "lambda";

	private final SigV4Verifier verifier;

	SignedInvocations(SigV4Verifier verifier) {
		this.verifier = verifier.requiringSignedPayload();
	}

	/**
	 * @return the access key id that signed the request
	 * @throws SigV4Verifier.VerificationException when it is unsigned, signed by another
	 * key, stale or altered
	 */
	String verify(HttpServletRequest request, byte[] payload) {
		return this.verifier.verify(new SigV4Verifier.SignedRequest(request.getMethod(), request.getRequestURI(),
				request.getQueryString(), headers(request), payload));
	}

	private static Map<String, List<String>> headers(HttpServletRequest request) {
		Map<String, List<String>> headers = new LinkedHashMap<>();
		for (String name : Collections.list(request.getHeaderNames())) {
			headers.put(name, Collections.list(request.getHeaders(name)));
		}
		return headers;
	}

}
