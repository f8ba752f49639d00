package dev.turnpike.gateway.routing;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Timeout;

import dev.turnpike.test.hardening.FuzzContract;

/**
 * Fuzzes the request target check ({@link RequestTargetCheck}) with arbitrary raw paths
 * and queries: it answers (a reason, or {@code null}) and never throws; and a path it
 * lets through has no segment that decodes to a dot segment or holds a control character
 * (raw or encoded) or a raw backslash. (An encoded backslash or slash away from a dot
 * segment is data, as the check documents.)
 */
class RequestTargetCheckFuzzTests {

	private static final FuzzContract CONTRACT = FuzzContract.of("request-target-check");

	@FuzzTest
	@Timeout(value = 10, unit = TimeUnit.SECONDS)
	void checkWhenTargetIsArbitraryThenAReasonOrNullAndNoDotSegmentPasses(byte[] input) {
		String target = new String(input, StandardCharsets.UTF_8);
		int question = target.indexOf('?');
		String path = (question < 0) ? target : target.substring(0, question);
		String query = (question < 0) ? null : target.substring(question + 1);
		CONTRACT.call(target, () -> RequestTargetCheck.checkQuery(query));
		String problem = CONTRACT.call(target, () -> RequestTargetCheck.checkPath(path));
		if (problem == null) {
			for (String segment : path.split("/", -1)) {
				String decoded;
				try {
					decoded = URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
				}
				catch (IllegalArgumentException ex) {
					CONTRACT.require(target, false, "malformed percent-encoding does not pass");
					return;
				}
				String name = (decoded.indexOf(';') >= 0) ? decoded.substring(0, decoded.indexOf(';')) : decoded;
				CONTRACT.require(target, !name.equals(".") && !name.equals(".."), "no dot segment passes");
				CONTRACT.require(target,
						decoded.chars().noneMatch(c -> c < 0x20 || c == 0x7f) && segment.indexOf('\\') < 0,
						"no control character (raw or encoded) or raw backslash passes");
			}
		}
	}

	@AfterAll
	static void writeFigures() {
		CONTRACT.write();
	}

}
