package dev.turnpike.gateway.routing;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Timeout;

import dev.turnpike.gateway.config.model.BasePathMapping;
import dev.turnpike.gateway.config.model.Stage;
import dev.turnpike.gateway.context.Paths;
import dev.turnpike.gateway.resource.ResourceTree;
import dev.turnpike.test.hardening.FuzzContract;

/**
 * Fuzzes stage matching ({@link ApiRouter#matchStage}) with arbitrary hosts and request
 * paths against a table with an execute-api API (stages {@code dev}, {@code prod}) and a
 * custom domain with root, one-part and two-part base paths: a stage match or
 * {@code null}, never an exception; a match splits the path into its stage part and a
 * resource path starting with {@code /}, and that resource path then matches in the
 * stage's tree or not.
 */
class ApiRouterFuzzTests {

	private static final FuzzContract CONTRACT = FuzzContract.of("api-router");

	private static final String[] HOSTS = { "abc123.execute-api.us-east-1.amazonaws.com", "abc123.execute-api.",
			"api.example.com", "other.example.com", ".execute-api.x", "abc123.execute-api.localhost:8080" };

	private static final RoutingTable TABLE = table();

	@FuzzTest
	@Timeout(value = 10, unit = TimeUnit.SECONDS)
	void matchStageWhenHostAndPathAreArbitraryThenStageAndResourcePathOrNull(FuzzedDataProvider data) {
		while (data.remainingBytes() > 0) {
			String host = (data.consumeBoolean() ? data.pickValue(HOSTS) : data.consumeString(64))
				.toLowerCase(Locale.ROOT);
			String path = (data.consumeBoolean() ? "/" : "") + data.consumeString(256);
			String input = host + " " + path;
			ApiRouter.StageMatch match = CONTRACT.call(input, () -> ApiRouter.matchStage(TABLE, host, path));
			if (match != null) {
				CONTRACT.require(input, match.resourcePath().startsWith("/"), "the resource path starts with /");
				CONTRACT.require(input, !match.resourcePath().startsWith("//"),
						"the resource path starts with one slash, as AWS reads it");
				String joined = match.stagePath() + match.resourcePath();
				// API Gateway reads a run of slashes before the stage, and right after
				// it, as one.
				String read = Paths.collapseLeadingSlashes(path);
				if (!match.stagePath().isEmpty() && read.startsWith(match.stagePath())) {
					read = match.stagePath() + Paths.collapseLeadingSlashes(read.substring(match.stagePath().length()));
				}
				CONTRACT.require(input,
						joined.equals(read) || joined.equals(read + "/") || (path.isEmpty() && joined.equals("/")),
						"stage path + resource path is the request path as AWS reads its slashes");
				CONTRACT.call(input, () -> match.stage().tree().match(match.resourcePath(), "GET"));
			}
		}
	}

	private static RoutingTable table() {
		RouteEntry route = new RouteEntry(null, null);
		ResourceTree<RouteEntry> tree = new ResourceTree<>();
		tree.add("/pets", "GET", route);
		tree.add("/pets/{petId}", "ANY", route);
		tree.add("/files/{proxy+}", "GET", route);
		StageRoutes dev = stage("dev", tree);
		StageRoutes prod = stage("prod", tree);
		return new RoutingTable(Map.of("abc123", Map.of("dev", dev, "prod", prod)),
				List.of(new BasePathMapping("api.example.com", "", "abc123", "dev"),
						new BasePathMapping("api.example.com", "v1", "abc123", "prod"),
						new BasePathMapping("api.example.com", "v1/orders", "abc123", "dev")));
	}

	private static StageRoutes stage(String name, ResourceTree<RouteEntry> tree) {
		return new StageRoutes(null,
				new Stage(name, "apis/abc123/stages/" + name + ".yaml", Map.of(), null, null, null), tree, List.of());
	}

	@AfterAll
	static void writeFigures() {
		CONTRACT.write();
	}

}
