package dev.turnpike.gateway.context;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

import dev.turnpike.gateway.policy.Cidr;

import static org.assertj.core.api.Assertions.assertThat;

class ClientAddressesTests {

	@ParameterizedTest
	@CsvSource({ "2001:db8:0:0:0:0:0:1, 2001:db8::1", "0:0:0:0:0:0:0:1, ::1", "0:0:0:0:0:0:0:0, ::",
			"2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1", "2001:0:0:1:0:0:0:1, 2001:0:0:1::1",
			"2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1", "fe80:0:0:0:0:0:0:0, fe80::",
			"2001:DB8:A:B:C:D:E:F, 2001:db8:a:b:c:d:e:f", "203.0.113.5, 203.0.113.5" })
	void addressesAreWrittenInTheirCanonicalForm(String literal, String expected) throws UnknownHostException {
		assertThat(ClientAddresses.format(InetAddress.getByName(literal))).isEqualTo(expected);
	}

	/**
	 * Behind a trusted proxy, a malformed right-most {@code X-Forwarded-For} hop means
	 * the client is unknown, so the proxy itself counts. An empty hop
	 * ({@code "10.0.0.1,"}, or an empty second header line) is malformed too: it used to
	 * be dropped by {@code split}, and the address left of it was believed.
	 */
	@ParameterizedTest
	@ValueSource(
			strings = { "10.0.0.1,", "10.0.0.1, ", "10.0.0.1,,", "10.0.0.1, not-an-address", "10.0.0.1, 10.0.0.2:80" })
	void malformedOrEmptyRightMostForwardedHopIsNotBelievedBehindATrustedProxy(String forwardedFor) {
		ClientAddresses addresses = new ClientAddresses(List.of(Cidr.parse("127.0.0.1/32")));
		MockServerHttpRequest request = MockServerHttpRequest.get("/")
			.remoteAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 40_000))
			.header("X-Forwarded-For", forwardedFor)
			.build();

		assertThat(ClientAddresses.format(addresses.resolve(request))).isEqualTo("127.0.0.1");
	}

	@ParameterizedTest
	@ValueSource(strings = { "10.0.0.1", "198.51.100.7, 10.0.0.1", "10.0.0.1, 127.0.0.1" })
	void rightMostUntrustedForwardedHopIsTheClientBehindATrustedProxy(String forwardedFor) {
		ClientAddresses addresses = new ClientAddresses(List.of(Cidr.parse("127.0.0.1/32")));
		MockServerHttpRequest request = MockServerHttpRequest.get("/")
			.remoteAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 40_000))
			.header("X-Forwarded-For", forwardedFor)
			.build();

		assertThat(ClientAddresses.format(addresses.resolve(request))).isEqualTo("10.0.0.1");
	}

}
