package dev.turnpike.bench.jmh;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import dev.turnpike.gateway.resource.ResourceTree;

/**
 * Matching a request path against an API's resources (the gateway's
 * {@link ResourceTree}): with 10 and with 1 000 resources, for a static path, a path with
 * parameters, a greedy {@code {proxy+}} fallback and a miss.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RoutingBenchmark {

	@Param({ "10", "1000" })
	int routes;

	ResourceTree<String> tree;

	@Setup
	public void build() {
		this.tree = new ResourceTree<>();
		this.tree.add("/proxy", "GET", "proxy");
		this.tree.add("/fallback/{proxy+}", "ANY", "fallback");
		for (int i = 0; i < this.routes; i++) {
			this.tree.add("/svc" + (i % 50) + "/items" + i + "/{id}", "GET", "item" + i);
			this.tree.add("/svc" + (i % 50) + "/items" + i + "/{id}/parts/{part}", "POST", "part" + i);
		}
	}

	@Benchmark
	public Object staticPath() {
		return this.tree.match("/proxy", "GET");
	}

	@Benchmark
	public Object pathParameters() {
		return this.tree.match("/svc7/items7/12345/parts/wheel", "POST");
	}

	@Benchmark
	public Object greedyProxy() {
		return this.tree.match("/fallback/a/b/c/d", "DELETE");
	}

	@Benchmark
	public Object miss() {
		return this.tree.match("/svc7/nothing/here", "GET");
	}

}
