package dev.turnpike.gateway.routing;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Which raw request targets {@link RequestTargetCheck} refuses, and why; no Spring. */
class RequestTargetCheckTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			/prod/..                        | a dot segment in the path
			/prod/../status/health          | a dot segment in the path
			/prod/./pets                    | a dot segment in the path
			/prod/pets/.                    | a dot segment in the path
			/prod/%2e%2e/status             | a dot segment in the path
			/prod/%2E./status               | a dot segment in the path
			/prod/.%2e/status               | a dot segment in the path
			/prod/%2e/status                | a dot segment in the path
			/prod/..;x=1/admin              | a dot segment in the path
			/prod/..%3B/admin               | a dot segment in the path
			/prod/..%2fstatus               | a dot segment in the path
			/prod/a%2F..%2Fb                | a dot segment in the path
			/prod/a%5c..%5cb                | a dot segment in the path
			/prod/a%2F.                     | a dot segment in the path
			/prod/%2e%2e%5Cwindows          | a dot segment in the path
			/prod/x%2F..;y%2Fadmin          | a dot segment in the path
			/prod/a\\b                      | a backslash in the path
			/prod/a%00b                     | a control character in the path
			/prod/a%0d%0aX-Injected:%201    | a control character in the path
			/prod/a%7f                      | a control character in the path
			/prod/%c0%ae%c0%ae/status       | percent-encoded bytes in the path that are not UTF-8
			/prod/%e0%80%ae                 | percent-encoded bytes in the path that are not UTF-8
			/prod/%ff                       | percent-encoded bytes in the path that are not UTF-8
			/prod/%ed%a0%80                 | percent-encoded bytes in the path that are not UTF-8
			/prod/%zz                       | malformed percent-encoding in the path
			/prod/abc%2                     | malformed percent-encoding in the path
			/prod/abc%                      | malformed percent-encoding in the path
			""")
	void checkPathWhenTargetCouldMeanAnotherPlaceThenRefusedWithReason(String path, String reason) {
		assertThat(RequestTargetCheck.checkPath(path.replace("\\\\", "\\"))).isEqualTo(reason);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/", "/prod", "/prod/", "/prod/pets/1", "/prod/...", "/prod/..a", "/prod/a..",
			"/prod/.well-known", "/prod/file.tar.gz", "/prod/%41%42", "/prod/caf%C3%A9", "/prod/%F0%9F%98%80",
			"/prod/a%20b", "/prod/a%2Bb", "/prod//double", "/prod/a;b", "/prod/%2e%2e%2e", "/prod/A%2F1", "/prod/a%5Cb",
			"/prod/%2Fetc%2Fpasswd", "/prod/a%2F...%2Fb" })
	void checkPathWhenTargetIsOrdinaryThenAccepted(String path) {
		assertThat(RequestTargetCheck.checkPath(path)).isNull();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			a=%00                 | an encoded control character in the query string
			a=1&b=%0A             | an encoded control character in the query string
			a=%zz                 | malformed percent-encoding in the query string
			a=%                   | malformed percent-encoding in the query string
			""")
	void checkQueryWhenControlCharactersOrMalformedEscapesThenRefused(String query, String reason) {
		assertThat(RequestTargetCheck.checkQuery(query)).isEqualTo(reason);
	}

	@ParameterizedTest
	@ValueSource(strings = { "a=1", "a=%2F..%2F", "q=caf%C3%A9&x=%20", "empty=", "flag" })
	void checkQueryWhenOrdinaryThenAccepted(String query) {
		assertThat(RequestTargetCheck.checkQuery(query)).isNull();
	}

}
