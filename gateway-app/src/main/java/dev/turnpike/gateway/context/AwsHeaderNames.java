package dev.turnpike.gateway.context;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * Request header names as API Gateway spells them in the events it sends (Lambda proxy
 * payload 1.0, REQUEST authorizers). Recorded AWS events show a client's
 * {@code authorization} or {@code aUThorization} arriving as {@code Authorization}, and
 * {@code user-Agent} as {@code User-Agent}; headers API Gateway sets itself
 * ({@code Host}, {@code X-Forwarded-*}) carry its own spelling. Every other name keeps
 * the client's spelling, as AWS keeps it.
 */
public final class AwsHeaderNames {

	private static final Map<String, String> CANONICAL = Map.of("authorization", "Authorization", "user-agent",
			"User-Agent", "host", "Host", "x-forwarded-for", "X-Forwarded-For", "x-forwarded-port", "X-Forwarded-Port",
			"x-forwarded-proto", "X-Forwarded-Proto");

	/** Hop-by-hop headers API Gateway never passes on in an event. */
	private static final List<String> DROPPED = List.of("connection", "content-length", "expect", "max-forwards",
			"proxy-authenticate", "te", "trailer", "transfer-encoding", "upgrade", "keep-alive");

	private AwsHeaderNames() {
	}

	/** Whether an event leaves this header out (a hop-by-hop header). */
	public static boolean isDropped(String name) {
		return DROPPED.contains(name.toLowerCase(Locale.ROOT));
	}

	/** The name as API Gateway sends it. */
	public static String canonical(String name) {
		return CANONICAL.getOrDefault(name.toLowerCase(Locale.ROOT), name);
	}

	/**
	 * The headers with API Gateway's names; values of names that become one are kept in
	 * order.
	 */
	public static MultiValueMap<String, String> canonicalized(MultiValueMap<String, String> headers) {
		MultiValueMap<String, String> result = new LinkedMultiValueMap<>();
		headers.forEach((name, values) -> result.addAll(canonical(name), (values != null) ? values : List.of()));
		return result;
	}

}
