package dev.turnpike.gateway.protocol;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;

import dev.turnpike.gateway.error.GatewayException;
import dev.turnpike.gateway.error.GatewayResponseType;

/**
 * What is wrong with a request before any API sees it: the decoder's own verdict, the
 * request limits, and what Reactor Netty and Spring would otherwise refuse with a bare
 * 400 (a {@code Host} port that is not a number, a target that is not a URI). Plain
 * functions of the decoded request.
 */
final class RequestChecks {

	/**
	 * RFC 3986 path and query characters (unreserved, sub-delims, {@code : @ / ?}) and
	 * escapes.
	 */
	private static final boolean[] TARGET_CHARS = ascii("-._~!$&'()*+,;=:@/?%");

	/** Host names and IPv4 addresses, with a port. */
	private static final boolean[] HOST_CHARS = ascii("-.:");

	private RequestChecks() {
	}

	/**
	 * The gateway response for a request Netty's decoder refused: too long a request
	 * line, too large a header section, or anything else malformed.
	 */
	static GatewayException decodingFailure(Throwable cause) {
		for (Throwable error = cause; error != null; error = (error.getCause() != error) ? error.getCause() : null) {
			if (error instanceof TooLongHttpLineException) {
				return GatewayException.of(GatewayResponseType.REQUEST_URI_TOO_LONG);
			}
			if (error instanceof TooLongHttpHeaderException) {
				return GatewayException.of(GatewayResponseType.REQUEST_HEADERS_TOO_LARGE);
			}
		}
		return GatewayException.of(GatewayResponseType.MALFORMED_REQUEST);
	}

	/**
	 * The gateway response for a decoded request that breaks a limit or cannot be served,
	 * or {@code null} if none.
	 */
	static GatewayException check(HttpRequest request, ProtocolLimits limits) {
		if (request.uri().length() > limits.maxUriLength()) {
			return GatewayException.of(GatewayResponseType.REQUEST_URI_TOO_LONG);
		}
		HttpHeaders headers = request.headers();
		if (headers.size() > limits.maxHeaderCount() || valueBytes(headers) > limits.maxHeaderValuesBytes()) {
			return GatewayException.of(GatewayResponseType.REQUEST_HEADERS_TOO_LARGE);
		}
		if (!isValidHost(headers.getAll(HttpHeaderNames.HOST)) || !isUri(request.uri())) {
			return GatewayException.of(GatewayResponseType.MALFORMED_REQUEST);
		}
		return null;
	}

	/**
	 * Header values as bytes: the decoder reads each byte as one ISO-8859-1 character.
	 */
	private static long valueBytes(HttpHeaders headers) {
		long bytes = 0;
		Iterator<Map.Entry<CharSequence, CharSequence>> entries = headers.iteratorCharSequence();
		while (entries.hasNext()) {
			bytes += entries.next().getValue().length();
		}
		return bytes;
	}

	/**
	 * At most one {@code Host} (RFC 9112 §3.2), whose port, if any, is a port number
	 * (Reactor Netty parses it as an int and fails the request otherwise) and which can
	 * be the authority of a URI.
	 */
	static boolean isValidHost(List<String> hosts) {
		if (hosts.size() > 1) {
			return false;
		}
		if (hosts.isEmpty()) {
			return true;
		}
		String host = hosts.get(0);
		int portIndex = (!host.isEmpty() && host.charAt(0) == '[') ? host.indexOf(':', host.indexOf(']'))
				: host.indexOf(':');
		if (portIndex != -1 && !isPort(host.substring(portIndex + 1))) {
			return false;
		}
		return isPlain(host, HOST_CHARS) || parses("http://" + host + "/");
	}

	private static boolean isPort(String port) {
		if (port.isEmpty() || port.length() > 5) {
			return false;
		}
		for (int i = 0; i < port.length(); i++) {
			if (port.charAt(i) < '0' || port.charAt(i) > '9') {
				return false;
			}
		}
		return Integer.parseInt(port) <= 65_535;
	}

	/**
	 * Whether Spring can make a URI of this request target. Mirrors spring-web's
	 * {@code ReactorUriHelper}: an absolute-form target contributes what follows its
	 * authority, any other target is taken whole (with a leading {@code /} if it lacks
	 * one), and the result must parse as a {@link URI}.
	 */
	static boolean isUri(String target) {
		if (!target.isEmpty() && target.charAt(0) == '/' && isPlain(target, TARGET_CHARS)) {
			// The common case, decided without building a URI: only characters a path or
			// query may hold as they are,
			// and well-formed escapes.
			return true;
		}
		return parses("http://localhost" + pathAndQuery(target));
	}

	/**
	 * Whether {@code value} holds only {@code allowed} ASCII characters and well-formed
	 * {@code %XX} escapes.
	 */
	private static boolean isPlain(String value, boolean[] allowed) {
		int length = value.length();
		for (int i = 0; i < length; i++) {
			char c = value.charAt(i);
			if (c == '%' && allowed['%']) {
				if (i + 2 >= length || Character.digit(value.charAt(i + 1), 16) < 0
						|| Character.digit(value.charAt(i + 2), 16) < 0) {
					return false;
				}
				i += 2;
			}
			else if (c >= allowed.length || !allowed[c]) {
				return false;
			}
		}
		return true;
	}

	private static boolean[] ascii(String characters) {
		boolean[] allowed = new boolean[128];
		for (char c = '0'; c <= '9'; c++) {
			allowed[c] = true;
		}
		for (char c = 'a'; c <= 'z'; c++) {
			allowed[c] = true;
			allowed[Character.toUpperCase(c)] = true;
		}
		characters.chars().forEach(c -> allowed[c] = true);
		return allowed;
	}

	private static String pathAndQuery(String target) {
		int length = target.length();
		for (int i = 0; i < length; i++) {
			char c = target.charAt(i);
			if (c == '/' || c == '?' || c == '#') {
				break;
			}
			if (c == ':' && i + 2 < length && target.charAt(i + 1) == '/' && target.charAt(i + 2) == '/') {
				for (int j = i + 3; j < length; j++) {
					char next = target.charAt(j);
					if (next == '/' || next == '?' || next == '#') {
						return target.substring(j);
					}
				}
				return "";
			}
		}
		return (length > 0 && target.charAt(0) != '/') ? "/" + target : target;
	}

	private static boolean parses(String uri) {
		try {
			new URI(uri);
			return true;
		}
		catch (URISyntaxException ex) {
			return false;
		}
	}

}
