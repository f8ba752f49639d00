package dev.turnpike.gateway.protocol;

import java.util.List;

import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.turnpike.gateway.error.GatewayException;
import dev.turnpike.gateway.error.GatewayResponseType;

import static org.assertj.core.api.Assertions.assertThat;

/** The checks a decoded request goes through before routing, without a server. */
class RequestChecksTests {

	private static final ProtocolLimits LIMITS = new ProtocolLimits(50, 3, 20);

	@ParameterizedTest
	@ValueSource(strings = { "/", "/pets/42?x=1&y=%20z", "/a:b@c/~d!$&'()*+,;=", "/pets/%C3%A9", "*", "pets",
			"http://example.com/pets?q=1", "http://example.com", "/a#frag", "/a?q=%7B%7D", "/é" })
	void isUriWhenSpringCanBuildAUriThenTrue(String target) {
		assertThat(RequestChecks.isUri(target)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "/%zz", "/%", "/%2", "/a%g1", "/a|b", "/{x}", "/a b", "/a\"b", "/a#b#c",
			"http://example.com/%zz" })
	void isUriWhenSpringCannotBuildAUriThenFalse(String target) {
		assertThat(RequestChecks.isUri(target)).isFalse();
	}

	@Test
	void isValidHostWhenOneHostNameWithOptionalPortThenTrue() {
		assertThat(RequestChecks.isValidHost(List.of("api.example.com"))).isTrue();
		assertThat(RequestChecks.isValidHost(List.of("api.example.com:8443"))).isTrue();
		assertThat(RequestChecks.isValidHost(List.of("[::1]:8080"))).isTrue();
		assertThat(RequestChecks.isValidHost(List.of("my_host.internal"))).isTrue();
		assertThat(RequestChecks.isValidHost(List.of())).isTrue();
	}

	@Test
	void isValidHostWhenRepeatedOrNotAnAuthorityThenFalse() {
		assertThat(RequestChecks.isValidHost(List.of("a.example", "b.example"))).isFalse();
		assertThat(RequestChecks.isValidHost(List.of("a.example:http"))).isFalse();
		assertThat(RequestChecks.isValidHost(List.of("a.example:65536"))).isFalse();
		assertThat(RequestChecks.isValidHost(List.of("a.example:"))).isFalse();
		assertThat(RequestChecks.isValidHost(List.of("exa\"mple"))).isFalse();
		assertThat(RequestChecks.isValidHost(List.of("a b"))).isFalse();
	}

	@Test
	void checkWhenWithinEveryLimitThenNull() {
		assertThat(RequestChecks.check(request("/" + "u".repeat(19), "h".repeat(20), "v".repeat(30)), LIMITS)).isNull();
	}

	@Test
	void checkWhenTargetOverTheLimitThenUriTooLong() {
		assertThat(type(RequestChecks.check(request("/" + "u".repeat(20), "h"), LIMITS)))
			.isEqualTo(GatewayResponseType.REQUEST_URI_TOO_LONG);
	}

	@Test
	void checkWhenHeaderValuesOverTheLimitThenHeadersTooLarge() {
		assertThat(type(RequestChecks.check(request("/", "h".repeat(20), "v".repeat(31)), LIMITS)))
			.isEqualTo(GatewayResponseType.REQUEST_HEADERS_TOO_LARGE);
	}

	@Test
	void checkWhenMoreHeadersThanTheLimitThenHeadersTooLarge() {
		assertThat(type(RequestChecks.check(request("/", "h", "1", "2", "3"), LIMITS)))
			.isEqualTo(GatewayResponseType.REQUEST_HEADERS_TOO_LARGE);
	}

	@Test
	void checkWhenTargetIsNotAUriThenMalformed() {
		assertThat(type(RequestChecks.check(request("/%zz", "h"), LIMITS)))
			.isEqualTo(GatewayResponseType.MALFORMED_REQUEST);
	}

	@Test
	void decodingFailureWhenLineOrHeadersTooLongThenTheirTypesElseMalformed() {
		assertThat(type(RequestChecks.decodingFailure(new TooLongHttpLineException("line"))))
			.isEqualTo(GatewayResponseType.REQUEST_URI_TOO_LONG);
		assertThat(type(RequestChecks.decodingFailure(new TooLongHttpHeaderException("headers"))))
			.isEqualTo(GatewayResponseType.REQUEST_HEADERS_TOO_LARGE);
		assertThat(type(RequestChecks.decodingFailure(new IllegalArgumentException("bad name"))))
			.isEqualTo(GatewayResponseType.MALFORMED_REQUEST);
	}

	/**
	 * A request with a {@code Host} header and then {@code X-<i>} headers with the given
	 * values.
	 */
	private static HttpRequest request(String target, String host, String... values) {
		HttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, target);
		request.headers().add("Host", host);
		for (int i = 0; i < values.length; i++) {
			request.headers().add("X-" + i, values[i]);
		}
		return request;
	}

	private static GatewayResponseType type(GatewayException error) {
		return (error != null) ? error.type() : null;
	}

}
