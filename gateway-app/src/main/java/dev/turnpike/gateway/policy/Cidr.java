package dev.turnpike.gateway.policy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 network ({@code 192.0.2.0/24}, {@code 2001:db8::/32}, or a single
 * address). Parsed without DNS: only literal addresses are accepted.
 */
public record Cidr(byte[] network, int prefix) {

	private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

	private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");

	/**
	 * @throws IllegalArgumentException when {@code text} is not an address or network
	 */
	public static Cidr parse(String text) {
		String value = text.trim();
		int slash = value.indexOf('/');
		String address = (slash < 0) ? value : value.substring(0, slash);
		InetAddress parsed = literal(address);
		int bits = parsed.getAddress().length * 8;
		int prefix = bits;
		if (slash >= 0) {
			try {
				prefix = Integer.parseInt(value.substring(slash + 1));
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException("'" + text + "' has no valid prefix length");
			}
			if (prefix < 0 || prefix > bits) {
				throw new IllegalArgumentException("'" + text + "' has a prefix length outside 0-" + bits);
			}
		}
		return new Cidr(parsed.getAddress(), prefix);
	}

	/**
	 * A literal IP address (no name lookup); {@code null} when {@code text} is not one.
	 */
	public static InetAddress literalOrNull(String text) {
		try {
			return literal(text.trim());
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static InetAddress literal(String address) {
		boolean v4 = IPV4.matcher(address).matches();
		boolean v6 = !v4 && address.contains(":") && IPV6.matcher(address).matches();
		if (!v4 && !v6) {
			throw new IllegalArgumentException("'" + address + "' is not an IP address");
		}
		try {
			return InetAddress.getByName(address);
		}
		catch (UnknownHostException ex) {
			throw new IllegalArgumentException("'" + address + "' is not an IP address");
		}
	}

	public boolean contains(InetAddress address) {
		byte[] candidate = address.getAddress();
		if (candidate.length != this.network.length) {
			// An IPv4 address in IPv6 form (::ffff:a.b.c.d) is compared as IPv4.
			if (candidate.length == 16 && this.network.length == 4 && isMappedIpv4(candidate)) {
				byte[] v4 = new byte[4];
				System.arraycopy(candidate, 12, v4, 0, 4);
				candidate = v4;
			}
			else {
				return false;
			}
		}
		int full = this.prefix / 8;
		for (int i = 0; i < full; i++) {
			if (candidate[i] != this.network[i]) {
				return false;
			}
		}
		int rest = this.prefix % 8;
		if (rest == 0) {
			return true;
		}
		int mask = 0xFF << (8 - rest);
		return (candidate[full] & mask) == (this.network[full] & mask);
	}

	private static boolean isMappedIpv4(byte[] address) {
		for (int i = 0; i < 10; i++) {
			if (address[i] != 0) {
				return false;
			}
		}
		return address[10] == (byte) 0xFF && address[11] == (byte) 0xFF;
	}

}
