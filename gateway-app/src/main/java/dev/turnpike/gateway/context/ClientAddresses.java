package dev.turnpike.gateway.context;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

import org.springframework.http.server.reactive.ServerHttpRequest;

import dev.turnpike.gateway.policy.Cidr;

/**
 * The client's address ({@code $context.identity.sourceIp}, {@code aws:SourceIp}): the
 * TCP peer, unless the peer is a trusted proxy, in which case the right-most
 * {@code X-Forwarded-For} address that is not itself a trusted proxy. Without trusted
 * proxies {@code X-Forwarded-For} is never believed: a client could claim any address.
 */
public final class ClientAddresses {

	private final List<Cidr> trustedProxies;

	public ClientAddresses(List<Cidr> trustedProxies) {
		this.trustedProxies = List.copyOf(trustedProxies);
	}

	public InetAddress resolve(ServerHttpRequest request) {
		InetSocketAddress remote = request.getRemoteAddress();
		InetAddress peer = (remote != null) ? remote.getAddress() : null;
		if (peer == null || this.trustedProxies.isEmpty() || !isTrusted(peer)) {
			return peer;
		}
		List<String> forwarded = request.getHeaders().get("X-Forwarded-For");
		if (forwarded == null) {
			return peer;
		}
		// Limit -1 keeps trailing empty entries ("10.0.0.1,"): an empty right-most hop is
		// malformed, not absent.
		String[] hops = String.join(",", forwarded).split(",", -1);
		for (int i = hops.length - 1; i >= 0; i--) {
			InetAddress hop = Cidr.literalOrNull(hops[i]);
			if (hop == null) {
				// A malformed entry: nothing left of it can be trusted either.
				return peer;
			}
			if (!isTrusted(hop)) {
				return hop;
			}
			peer = hop;
		}
		return peer;
	}

	/**
	 * The address as text, IPv6 in its canonical compressed form (RFC 5952:
	 * {@code 2001:db8::1}), no scope id.
	 */
	public static String format(InetAddress address) {
		if (!(address instanceof Inet6Address)) {
			return address.getHostAddress();
		}
		byte[] bytes = address.getAddress();
		int[] groups = new int[8];
		for (int i = 0; i < 8; i++) {
			groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
		}
		int bestStart = -1;
		int bestLength = 1;
		for (int i = 0; i < 8;) {
			int j = i;
			while (j < 8 && groups[j] == 0) {
				j++;
			}
			if (j - i > bestLength) {
				bestStart = i;
				bestLength = j - i;
			}
			i = (j > i) ? j : i + 1;
		}
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < 8; i++) {
			if (i == bestStart) {
				text.append("::");
				i += bestLength - 1;
				continue;
			}
			if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
				text.append(':');
			}
			text.append(Integer.toHexString(groups[i]));
		}
		return text.toString();
	}

	private boolean isTrusted(InetAddress address) {
		for (Cidr proxy : this.trustedProxies) {
			if (proxy.contains(address)) {
				return true;
			}
		}
		return false;
	}

}
