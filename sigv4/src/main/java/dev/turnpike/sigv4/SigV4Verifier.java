package dev.turnpike.sigv4;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies AWS Signature Version 4 on an incoming request, as the AWS SDKs and CLI sign
 * it: the canonical request (method, double-encoded path, sorted query, the signed
 * headers, the payload hash), the string to sign with the credential scope (the service,
 * and the region when one is required), the derived signing key, and a clock-skew window.
 * Signatures are compared in constant time; secrets never appear in messages. Plain Java:
 * each service's HTTP filter feeds it the request's parts and turns a
 * {@link VerificationException} into AWS's 403.
 */
public final class SigV4Verifier {

	/** The scheme of a SigV4 {@code Authorization} header. */
	public static final String ALGORITHM = "AWS4-HMAC-SHA256";

	private static final Pattern AUTHORIZATION = Pattern
		.compile("AWS4-HMAC-SHA256\\s+Credential=([^/,\\s]+)/(\\d{8})/([^/,\\s]+)/([^/,\\s]+)/aws4_request\\s*,\\s*"
				+ "SignedHeaders=([^,\\s]+)\\s*,\\s*Signature=([0-9a-f]{64})\\s*");

	private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

	private static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";

	private final String service;

	private final String region;

	private final Function<String, String> secretsByAccessKey;

	private final Duration clockSkew;

	private final Clock clock;

	private final boolean signedPayloadRequired;

	/**
	 * A verifier that accepts a signature scoped to any region.
	 * @param service the signing name clients use ({@code apigateway})
	 * @param secretsByAccessKey the secret access key for an access key id, or
	 * {@code null} when unknown
	 * @param clockSkew how far a request's time may be from ours
	 */
	public SigV4Verifier(String service, Function<String, String> secretsByAccessKey, Duration clockSkew, Clock clock) {
		this(service, null, secretsByAccessKey, clockSkew, clock, false);
	}

	/**
	 * @param service the signing name clients use ({@code lambda})
	 * @param region the region signatures must be scoped to ({@code us-east-1});
	 * {@code null}: any region
	 * @param secretsByAccessKey the secret access key for an access key id, or
	 * {@code null} when unknown
	 * @param clockSkew how far a request's time may be from ours
	 */
	public SigV4Verifier(String service, String region, Function<String, String> secretsByAccessKey, Duration clockSkew,
			Clock clock) {
		this(service, region, secretsByAccessKey, clockSkew, clock, false);
	}

	private SigV4Verifier(String service, String region, Function<String, String> secretsByAccessKey,
			Duration clockSkew, Clock clock, boolean signedPayloadRequired) {
		this.service = service;
		this.region = region;
		this.secretsByAccessKey = secretsByAccessKey;
		this.clockSkew = clockSkew;
		this.clock = clock;
		this.signedPayloadRequired = signedPayloadRequired;
	}

	/**
	 * This verifier, refusing {@code X-Amz-Content-Sha256: UNSIGNED-PAYLOAD}: the
	 * signature must cover the body (by default a client may leave the body unsigned, as
	 * AWS allows for some services).
	 */
	public SigV4Verifier requiringSignedPayload() {
		return new SigV4Verifier(this.service, this.region, this.secretsByAccessKey, this.clockSkew, this.clock, true);
	}

	/**
	 * The parts of a request that the signature covers. Header names are matched
	 * case-insensitively.
	 */
	public record SignedRequest(String method, String rawPath, String rawQuery, Map<String, List<String>> headers,
			byte[] body) {

		String header(String name) {
			for (Map.Entry<String, List<String>> header : this.headers.entrySet()) {
				if (header.getKey().equalsIgnoreCase(name)) {
					return String.join(",", header.getValue());
				}
			}
			return null;
		}

		List<String> headerValues(String name) {
			List<String> values = new ArrayList<>();
			this.headers.forEach((key, list) -> {
				if (key.equalsIgnoreCase(name)) {
					values.addAll(list);
				}
			});
			return values;
		}

	}

	/** Why a request was refused; the type is the AWS error type the client gets. */
	public static final class VerificationException extends RuntimeException {

		private final String errorType;

		VerificationException(String errorType, String message) {
			super(message, null, false, false);
			this.errorType = errorType;
		}

		public String errorType() {
			return this.errorType;
		}

	}

	/**
	 * Verifies the request.
	 * @return the access key id that signed it
	 * @throws VerificationException when it is unsigned, signed by an unknown key, stale,
	 * or wrongly signed
	 */
	public String verify(SignedRequest request) {
		String authorization = request.header("Authorization");
		if (authorization == null || !authorization.startsWith(ALGORITHM)) {
			throw new VerificationException("MissingAuthenticationTokenException", "Missing Authentication Token");
		}
		Matcher matcher = AUTHORIZATION.matcher(authorization.trim());
		if (!matcher.matches()) {
			throw new VerificationException("IncompleteSignatureException",
					"Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' in the AWS4-HMAC-SHA256 format.");
		}
		String accessKeyId = matcher.group(1);
		String scopeDate = matcher.group(2);
		String region = matcher.group(3);
		String scopeService = matcher.group(4);
		List<String> signedHeaders = List.of(matcher.group(5).split(";"));
		String signature = matcher.group(6);

		String secret = this.secretsByAccessKey.apply(accessKeyId);
		if (secret == null) {
			throw new VerificationException("UnrecognizedClientException",
					"The security token included in the request is invalid.");
		}
		if (!this.service.equals(scopeService)) {
			throw new VerificationException("InvalidSignatureException",
					"Credential should be scoped to correct service: '" + this.service + "'.");
		}
		if (this.region != null && !this.region.equals(region)) {
			throw new VerificationException("InvalidSignatureException",
					"Credential should be scoped to a valid region.");
		}
		String amzDate = requestTime(request);
		if (!amzDate.startsWith(scopeDate)) {
			throw new VerificationException("InvalidSignatureException",
					"Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '"
							+ scopeDate + "' != '" + amzDate.substring(0, Math.min(8, amzDate.length())) + "'");
		}
		checkSkew(amzDate);
		if (!signedHeaders.contains("host")) {
			throw new VerificationException("InvalidSignatureException",
					"'Host' must be a 'SignedHeader' in the AWS Authorization.");
		}
		String canonicalRequest = canonicalRequest(request, signedHeaders, this.signedPayloadRequired);
		String scope = scopeDate + "/" + region + "/" + scopeService + "/aws4_request";
		String stringToSign = ALGORITHM + "\n" + amzDate + "\n" + scope + "\n" + hex(sha256(canonicalRequest));
		byte[] signingKey = signingKey(secret, scopeDate, region, scopeService);
		String expected = HexFormat.of().formatHex(hmac(signingKey, stringToSign));
		if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
				signature.getBytes(StandardCharsets.US_ASCII))) {
			throw new VerificationException("InvalidSignatureException",
					"The request signature we calculated does not match the signature you provided. Check your AWS Secret "
							+ "Access Key and signing method. Consult the service documentation for details.");
		}
		return accessKeyId;
	}

	private static String requestTime(SignedRequest request) {
		String amzDate = request.header("X-Amz-Date");
		if (amzDate == null) {
			throw new VerificationException("IncompleteSignatureException",
					"Authorization header requires existence of" + " either a 'X-Amz-Date' or a 'Date' header.");
		}
		return amzDate.trim();
	}

	private void checkSkew(String amzDate) {
		Instant requestTime;
		try {
			requestTime = LocalDateTime.parse(amzDate, AMZ_DATE).toInstant(ZoneOffset.UTC);
		}
		catch (DateTimeParseException ex) {
			throw new VerificationException("IncompleteSignatureException",
					"X-Amz-Date '" + amzDate + "' is not in the ISO-8601 basic format (yyyyMMdd'T'HHmmss'Z').");
		}
		Instant now = this.clock.instant();
		if (requestTime.isBefore(now.minus(this.clockSkew)) || requestTime.isAfter(now.plus(this.clockSkew))) {
			throw new VerificationException("InvalidSignatureException",
					"Signature expired: " + amzDate + " is now earlier than "
							+ AMZ_DATE.format(LocalDateTime.ofInstant(now.minus(this.clockSkew), ZoneOffset.UTC)) + " ("
							+ AMZ_DATE.format(LocalDateTime.ofInstant(now, ZoneOffset.UTC)) + " - "
							+ this.clockSkew.toMinutes() + " min.)");
		}
	}

	static String canonicalRequest(SignedRequest request, List<String> signedHeaders, boolean signedPayloadRequired) {
		StringBuilder canonical = new StringBuilder(256);
		canonical.append(request.method().toUpperCase(Locale.ROOT)).append('\n');
		canonical.append(canonicalPath(request.rawPath())).append('\n');
		canonical.append(canonicalQuery(request.rawQuery())).append('\n');
		for (String name : signedHeaders) {
			List<String> values = request.headerValues(name);
			canonical.append(name).append(':');
			for (int i = 0; i < values.size(); i++) {
				canonical.append(i == 0 ? "" : ",").append(values.get(i).trim().replaceAll("\\s+", " "));
			}
			canonical.append('\n');
		}
		canonical.append('\n').append(String.join(";", signedHeaders)).append('\n');
		canonical.append(payloadHash(request, signedPayloadRequired));
		return canonical.toString();
	}

	private static String payloadHash(SignedRequest request, boolean signedPayloadRequired) {
		String actual = hex(sha256(request.body()));
		String declared = request.header("X-Amz-Content-Sha256");
		if (declared == null) {
			return actual;
		}
		if (signedPayloadRequired && declared.equals(UNSIGNED_PAYLOAD)) {
			throw new VerificationException("InvalidSignatureException",
					"The request payload must be signed: 'x-amz-content-sha256: UNSIGNED-PAYLOAD' is not accepted.");
		}
		if (!declared.equals(UNSIGNED_PAYLOAD) && !declared.equalsIgnoreCase(actual)) {
			throw new VerificationException("InvalidSignatureException",
					"The provided 'x-amz-content-sha256' header does not match what was computed.");
		}
		return declared;
	}

	/**
	 * The path as sent, each segment URI-encoded once more (SigV4 double-encodes paths
	 * for all but S3).
	 */
	static String canonicalPath(String rawPath) {
		if (rawPath == null || rawPath.isEmpty()) {
			return "/";
		}
		List<String> segments = new ArrayList<>();
		for (String segment : rawPath.split("/", -1)) {
			segments.add(uriEncode(segment));
		}
		String path = String.join("/", segments);
		return path.startsWith("/") ? path : "/" + path;
	}

	static String canonicalQuery(String rawQuery) {
		if (rawQuery == null || rawQuery.isEmpty()) {
			return "";
		}
		List<String[]> pairs = new ArrayList<>();
		for (String part : rawQuery.split("&")) {
			if (part.isEmpty()) {
				continue;
			}
			int equals = part.indexOf('=');
			String name = (equals < 0) ? part : part.substring(0, equals);
			String value = (equals < 0) ? "" : part.substring(equals + 1);
			pairs.add(new String[] { uriEncode(decode(name)), uriEncode(decode(value)) });
		}
		pairs.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
		StringBuilder query = new StringBuilder();
		for (String[] pair : pairs) {
			query.append(query.length() == 0 ? "" : "&").append(pair[0]).append('=').append(pair[1]);
		}
		return query.toString();
	}

	/**
	 * A query name or value as the client had it before encoding. Text that is not valid
	 * percent-encoding (a lone {@code %}) is taken literally, so it is encoded as
	 * {@code %25} and the signature simply does not match unless the client signed it
	 * that way; it must not escape as an exception.
	 */
	private static String decode(String value) {
		try {
			return java.net.URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return value;
		}
	}

	/**
	 * RFC 3986 encoding as SigV4 specifies: unreserved characters stay, everything else
	 * is %XX (upper case).
	 */
	static String uriEncode(String value) {
		StringBuilder out = new StringBuilder(value.length());
		for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
			char c = (char) (b & 0xFF);
			if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
					|| c == '.' || c == '~') {
				out.append(c);
			}
			else {
				out.append('%')
					.append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xF, 16)))
					.append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
			}
		}
		return out.toString();
	}

	static byte[] signingKey(String secret, String date, String region, String service) {
		byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date);
		key = hmac(key, region);
		key = hmac(key, service);
		return hmac(key, "aws4_request");
	}

	private static byte[] hmac(byte[] key, String data) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static byte[] sha256(String data) {
		return sha256(data.getBytes(StandardCharsets.UTF_8));
	}

	private static byte[] sha256(byte[] data) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(data);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String hex(byte[] bytes) {
		return HexFormat.of().formatHex(bytes);
	}

}
