package dev.turnpike.gateway.context;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class ClientAddressesTests {

	@ParameterizedTest
	@CsvSource({ "2001:db8:0:0:0:0:0:1, 2001:db8::1", "0:0:0:0:0:0:0:1, ::1", "0:0:0:0:0:0:0:0, ::",
			"2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1", "2001:0:0:1:0:0:0:1, 2001:0:0:1::1",
			"2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1", "fe80:0:0:0:0:0:0:0, fe80::", "2001:DB8:A:B:C:D:E:F, 2001:db8:a:b:c:d:e:f",
			"203.0.113.5, 203.0.113.5" })
	void addressesAreWrittenInTheirCanonicalForm(String literal, String expected) throws UnknownHostException {
		assertThat(ClientAddresses.format(InetAddress.getByName(literal))).isEqualTo(expected);
	}

}
