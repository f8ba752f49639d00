package dev.turnpike.gateway.resource;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Timeout;

import dev.turnpike.test.hardening.FuzzContract;

/**
 * Fuzzes the resource tree: arbitrary resource paths are added (accepted, or refused with
 * {@link IllegalArgumentException}), then arbitrary request paths and methods are matched
 * (a match or {@code null}, never an exception), and every match is one of the added
 * resources with non-empty path parameters. Seeds: {@code ResourceTreeFuzzTestsInputs/};
 * how to fuzz longer: docs/fuzzing.md.
 */
class ResourceTreeFuzzTests {

	private static final FuzzContract CONTRACT = FuzzContract.of("resource-tree", IllegalArgumentException.class);

	private static final String[] METHODS = { "GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "ANY" };

	@FuzzTest
	@Timeout(value = 10, unit = TimeUnit.SECONDS)
	void matchWhenResourcesAndPathsAreArbitraryThenAnAddedResourceOrNull(FuzzedDataProvider data) {
		ResourceTree<String> tree = new ResourceTree<>();
		List<String> added = new ArrayList<>();
		int resources = data.consumeInt(0, 8);
		for (int i = 0; i < resources; i++) {
			String resource = data.consumeString(64);
			String method = data.pickValue(METHODS);
			CONTRACT.check(resource, () -> {
				tree.add(resource, method, resource);
				added.add(resource);
			});
		}
		while (data.remainingBytes() > 0) {
			String method = data.consumeBoolean() ? data.pickValue(METHODS) : data.consumeString(8);
			String path = data.consumeString(256);
			ResourceTree.Match<String> match = CONTRACT.call(method + " " + path, () -> tree.match(path, method));
			if (match != null) {
				CONTRACT.require(added + " " + method + " " + path, added.contains(match.value()),
						"a match is one of the added resources");
				CONTRACT.require(added + " " + method + " " + path,
						match.pathParameters().values().stream().noneMatch(String::isEmpty),
						"path parameters are never empty");
			}
		}
	}

	@AfterAll
	static void writeFigures() {
		CONTRACT.write();
	}

}
