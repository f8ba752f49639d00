package dev.turnpike.gateway.resource;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ResourceTreeTests {

	private static ResourceTree<String> tree(String... methodAndPaths) {
		ResourceTree<String> tree = new ResourceTree<>();
		for (String entry : methodAndPaths) {
			String[] parts = entry.split(" ");
			tree.add(parts[1], parts[0], entry);
		}
		return tree;
	}

	@Test
	void matchWhenLiteralAndParamSiblingsThenLiteralWins() {
		ResourceTree<String> tree = tree("GET /pets/{id}", "GET /pets/mine", "GET /{proxy+}");
		assertThat(tree.match("/pets/mine", "GET").value()).isEqualTo("GET /pets/mine");
		assertThat(tree.match("/pets/7", "GET").value()).isEqualTo("GET /pets/{id}");
		assertThat(tree.match("/pets/7", "GET").pathParameters()).isEqualTo(Map.of("id", "7"));
		assertThat(tree.match("/pets/7/toys", "GET").value()).isEqualTo("GET /{proxy+}");
		assertThat(tree.match("/pets/7/toys", "GET").pathParameters()).isEqualTo(Map.of("proxy", "pets/7/toys"));
	}

	@Test
	void matchWhenLiteralPrefixHasNoMatchingChildThenBacktracksToRootGreedy() {
		// AWS-recorded: GET /part1, GET /part1/hardcoded-value, GET /{param+}
		ResourceTree<String> tree = tree("GET /part1", "GET /part1/hardcoded-value", "GET /{param+}");
		assertThat(tree.match("/part1", "GET").value()).isEqualTo("GET /part1");
		assertThat(tree.match("/part1/hardcoded-value", "GET").value()).isEqualTo("GET /part1/hardcoded-value");
		assertThat(tree.match("/part1/random-value", "GET").value()).isEqualTo("GET /{param+}");
		assertThat(tree.match("/part1/random-value", "GET").resourcePath()).isEqualTo("/{param+}");
	}

	@Test
	void matchWhenResourceLacksMethodThenFallsBackToGreedyWithIt() {
		// AWS-recorded: POST /test, ANY /test/any, OPTIONS /{proxy+}
		ResourceTree<String> tree = tree("POST /test", "ANY /test/any", "OPTIONS /{proxy+}");
		assertThat(tree.match("/test", "OPTIONS").value()).isEqualTo("OPTIONS /{proxy+}");
		assertThat(tree.match("/test/any", "OPTIONS").value()).isEqualTo("ANY /test/any");
		assertThat(tree.match("/test/any", "GET").value()).isEqualTo("ANY /test/any");
		assertThat(tree.match("/test", "GET")).isNull();
	}

	@Test
	void matchWhenExplicitMethodAndAnyOnSameResourceThenExplicitWins() {
		ResourceTree<String> tree = tree("GET /pets", "ANY /pets");
		assertThat(tree.match("/pets", "GET").value()).isEqualTo("GET /pets");
		assertThat(tree.match("/pets", "DELETE").value()).isEqualTo("ANY /pets");
	}

	@Test
	void matchWhenHeadAndOnlyGetDefinedThenNoMatch() {
		assertThat(tree("GET /pets").match("/pets", "HEAD")).isNull();
	}

	@Test
	void matchWhenTrailingSlashThenIgnored() {
		ResourceTree<String> tree = tree("GET /pets", "GET /{proxy+}");
		assertThat(tree.match("/pets/", "GET").value()).isEqualTo("GET /pets");
		assertThat(tree.match("/a/b/", "GET").pathParameters()).isEqualTo(Map.of("proxy", "a/b"));
	}

	@Test
	void matchWhenRootRequestedThenOnlyRootResourceMatchesNotGreedy() {
		ResourceTree<String> withoutRoot = tree("GET /{proxy+}");
		assertThat(withoutRoot.match("/", "GET")).isNull();
		ResourceTree<String> withRoot = tree("GET /{proxy+}", "GET /");
		assertThat(withRoot.match("/", "GET").value()).isEqualTo("GET /");
	}

	@Test
	void matchWhenParamSegmentEmptyThenNoMatch() {
		assertThat(tree("GET /pets/{id}/toys").match("/pets//toys", "GET")).isNull();
	}

	@Test
	void matchWhenValuesEncodedThenRawValuesKept() {
		ResourceTree.Match<String> match = tree("GET /files/{name}").match("/files/a%20b", "GET");
		assertThat(match.pathParameters()).isEqualTo(Map.of("name", "a%20b"));
	}

	@Test
	void addWhenDifferentlyNamedVariableSiblingsThenRejected() {
		ResourceTree<String> tree = tree("GET /pets/{id}");
		assertThatIllegalArgumentException().isThrownBy(() -> tree.add("/pets/{petId}", "PUT", "x"))
			.withMessageContaining("at most one variable child");
		assertThatIllegalArgumentException().isThrownBy(() -> tree.add("/pets/{id+}", "PUT", "x"));
	}

	@Test
	void addWhenGreedyNotLastOrMethodTwiceThenRejected() {
		ResourceTree<String> tree = tree("GET /{proxy+}");
		assertThatIllegalArgumentException().isThrownBy(() -> tree.add("/{proxy+}/child", "GET", "x"))
			.withMessageContaining("must be the last part");
		assertThatIllegalArgumentException().isThrownBy(() -> tree.add("/{proxy+}", "GET", "x"))
			.withMessageContaining("defined twice");
	}

	@Test
	void matchWhenManyResourcesThenStillFindsDeepLiteral() {
		ResourceTree<String> tree = new ResourceTree<>();
		for (int i = 0; i < 1000; i++) {
			tree.add("/service" + i + "/items/{id}", "GET", "s" + i);
		}
		assertThat(tree.match("/service999/items/42", "GET").value()).isEqualTo("s999");
		assertThat(tree.match("/service1000/items/42", "GET")).isNull();
	}

	@Test
	void matchWhenPathIsOnlyEmptySegmentsThenGreedyDoesNotMatchNothing() {
		// Found by fuzzing: {proxy+} matched "//" with proxy = "", while {param} never
		// matches an empty segment.
		ResourceTree<String> tree = new ResourceTree<>();
		tree.add("/{proxy+}", "GET", "greedy");

		assertThat(tree.match("//", "GET")).isNull();
		assertThat(tree.match("/a//", "GET").pathParameters()).isEqualTo(Map.of("proxy", "a/"));
	}

}
