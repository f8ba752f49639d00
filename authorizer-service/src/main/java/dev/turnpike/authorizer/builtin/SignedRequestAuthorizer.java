package dev.turnpike.authorizer.builtin;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayCustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.IamPolicyResponseV1;

/**
 * Signed-request credentials for service-to-service calls (a REQUEST authorizer). The
 * caller signs the request with a secret it shares with this authorizer, much as AWS
 * Signature Version 4 works:
 *
 * <pre>
 * Authorization: TPK1-HMAC-SHA256 Credential=&lt;key id&gt;, SignedHeaders=host;x-tpk-date, Signature=&lt;hex&gt;
 * X-Tpk-Date: 20261123T130000Z
 * </pre>
 *
 * The signature is the hex HMAC-SHA256, keyed with the secret, of the string to sign:
 * {@code TPK1-HMAC-SHA256}, the date, the method, the path as sent, the canonical query
 * (parameters sorted by name, names and values RFC 3986-encoded, {@code name=value}
 * joined with {@code &}), the canonical headers ({@code name:value}, names in lower case,
 * values trimmed, in {@code SignedHeaders} order) and the signed header list, each on its
 * own line. {@link #sign} computes it. {@code SignedHeaders} must include
 * {@code x-tpk-date}; a date further than the allowed skew from now is refused, so a
 * captured request cannot be replayed later. Unknown key ids, bad signatures and
 * malformed headers are {@code Unauthorized} (401). The comparison is constant-time.
 */
public final class SignedRequestAuthorizer
		implements RequestHandler<APIGatewayCustomAuthorizerEvent, IamPolicyResponseV1> {

	public static final String ALGORITHM = "TPK1-HMAC-SHA256";

	public static final String DATE_HEADER = "X-Tpk-Date";

	static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

	private static final Pattern AUTHORIZATION = Pattern.compile(Pattern.quote(ALGORITHM)
			+ "\\s+Credential=([^,\\s]+),\\s*SignedHeaders=([^,\\s]+),\\s*Signature=([0-9a-fA-F]{64})\\s*");

	private static final int MIN_SECRET_LENGTH = 32;

	private final Map<String, BuiltinAuthorizersProperties.Credential> credentials;

	private final Duration maxClockSkew;

	private final Clock clock;

	public SignedRequestAuthorizer(String name, BuiltinAuthorizersProperties.SignedRequests settings, Clock clock) {
		String where = "turnpike.authorizers.signed-requests." + name;
		if (settings.credentials().isEmpty()) {
			throw new IllegalStateException(where + ".credentials: at least one credential is required");
		}
		settings.credentials().forEach((keyId, credential) -> {
			if (credential.secret() == null || credential.secret().length() < MIN_SECRET_LENGTH) {
				throw new IllegalStateException(where + ".credentials." + keyId + ".secret must be at least "
						+ MIN_SECRET_LENGTH + " characters");
			}
		});
		this.credentials = settings.credentials();
		this.maxClockSkew = settings.maxClockSkew();
		this.clock = clock;
	}

	@Override
	public IamPolicyResponseV1 handleRequest(APIGatewayCustomAuthorizerEvent event, Context context) {
		if (!"REQUEST".equalsIgnoreCase(event.getType())) {
			throw new IllegalStateException(
					"signed requests need a REQUEST authorizer (type: request), not " + event.getType());
		}
		String authorization = Tokens.header(event.getHeaders(), "Authorization");
		Matcher parsed = (authorization != null) ? AUTHORIZATION.matcher(authorization.trim()) : null;
		if (parsed == null || !parsed.matches()) {
			throw Policies.unauthorized();
		}
		String keyId = parsed.group(1);
		List<String> signedHeaders = Arrays.asList(parsed.group(2).toLowerCase(Locale.ROOT).split(";"));
		String date = Tokens.header(event.getHeaders(), DATE_HEADER);
		if (!signedHeaders.contains(DATE_HEADER.toLowerCase(Locale.ROOT)) || date == null || !fresh(date)) {
			throw Policies.unauthorized();
		}
		Map<String, String> headers = new LinkedHashMap<>();
		for (String name : signedHeaders) {
			String value = Tokens.header(event.getHeaders(), name);
			if (value == null) {
				throw Policies.unauthorized();
			}
			headers.put(name, value);
		}
		BuiltinAuthorizersProperties.Credential credential = this.credentials.get(keyId);
		// With an unknown key id, still compute a signature so the answer takes as long
		// as for a known one.
		String secret = (credential != null) ? credential.secret() : "unknown-key-id-unknown-key-id-unknown";
		byte[] expected = hmac(secret,
				stringToSign(date, method(event), path(event), event.getQueryStringParameters(), headers));
		byte[] presented = HexFormat.of().parseHex(parsed.group(3).toLowerCase(Locale.ROOT));
		if (!MessageDigest.isEqual(expected, presented) || credential == null) {
			throw Policies.unauthorized();
		}
		Map<String, Object> contextValues = new LinkedHashMap<>(credential.context());
		contextValues.put("keyId", keyId);
		List<String> resources = credential.resources().isEmpty() ? List.of(event.getMethodArn())
				: credential.resources();
		return Policies.policy((credential.principal() != null) ? credential.principal() : keyId,
				IamPolicyResponseV1.ALLOW, resources, contextValues, null);
	}

	private boolean fresh(String date) {
		try {
			Instant signedAt = Instant.from(DATE.parse(date.trim()));
			return Duration.between(signedAt, this.clock.instant()).abs().compareTo(this.maxClockSkew) <= 0;
		}
		catch (DateTimeParseException ex) {
			return false;
		}
	}

	private static String method(APIGatewayCustomAuthorizerEvent event) {
		if (event.getHttpMethod() != null) {
			return event.getHttpMethod();
		}
		return (event.getRequestContext() != null) ? event.getRequestContext().getHttpMethod() : "";
	}

	/** The path the client sent (with the stage, on an execute-api host). */
	private static String path(APIGatewayCustomAuthorizerEvent event) {
		if (event.getRequestContext() != null && event.getRequestContext().getPath() != null) {
			return event.getRequestContext().getPath();
		}
		return (event.getPath() != null) ? event.getPath() : "/";
	}

	/**
	 * The {@code Authorization} header value for a request, as a client computes it.
	 * @param query the decoded query parameters (one value per name)
	 * @param headers the headers to sign, {@code X-Tpk-Date} among them, by name
	 */
	public static String sign(String keyId, String secret, String method, String path, Map<String, String> query,
			Map<String, String> headers) {
		Map<String, String> lower = new LinkedHashMap<>();
		headers.forEach((name, value) -> lower.put(name.toLowerCase(Locale.ROOT), value));
		String date = lower.get(DATE_HEADER.toLowerCase(Locale.ROOT));
		if (date == null) {
			throw new IllegalArgumentException("the headers to sign must include " + DATE_HEADER);
		}
		byte[] signature = hmac(secret, stringToSign(date, method, path, query, lower));
		return ALGORITHM + " Credential=" + keyId + ", SignedHeaders=" + String.join(";", lower.keySet())
				+ ", Signature=" + HexFormat.of().formatHex(signature);
	}

	static String stringToSign(String date, String method, String path, Map<String, String> query,
			Map<String, String> headers) {
		List<String> lines = new ArrayList<>();
		lines.add(ALGORITHM);
		lines.add(date.trim());
		lines.add(method.toUpperCase(Locale.ROOT));
		lines.add(path);
		lines.add(canonicalQuery(query));
		headers.forEach((name, value) -> lines.add(name + ":" + value.trim()));
		lines.add(String.join(";", headers.keySet()));
		return String.join("\n", lines);
	}

	private static String canonicalQuery(Map<String, String> query) {
		if (query == null || query.isEmpty()) {
			return "";
		}
		List<String> pairs = new ArrayList<>();
		new TreeMap<>(query)
			.forEach((name, value) -> pairs.add(encode(name) + "=" + encode((value != null) ? value : "")));
		return String.join("&", pairs);
	}

	private static String encode(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8)
			.replace("+", "%20")
			.replace("*", "%2A")
			.replace("%7E", "~");
	}

	private static byte[] hmac(String secret, String text) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
