package dev.turnpike.bench.jmh;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import dev.turnpike.gateway.policy.PolicyDocument;
import dev.turnpike.gateway.policy.RequestFacts;

/**
 * Evaluating a resource policy (AWS's IAM policy language): an allow list of 50 IPv4 and
 * IPv6 ranges plus an explicit deny, for an allowed and for a denied caller, and an
 * authorizer-style policy with wildcards.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PolicyBenchmark {

	static final String ARN = "arn:aws:execute-api:us-east-1:123456789012:petstore/prod/GET/pets/42";

	PolicyDocument resourcePolicy;

	PolicyDocument authorizerPolicy;

	RequestFacts allowed;

	RequestFacts denied;

	@Setup
	public void parse() throws UnknownHostException {
		List<String> ranges = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			ranges.add("10." + i + ".0.0/16");
		}
		for (int i = 0; i < 10; i++) {
			ranges.add("2001:db8:" + Integer.toHexString(i) + "::/48");
		}
		this.resourcePolicy = PolicyDocument.parse(
				Map.of("Version", "2012-10-17", "Statement",
						List.of(Map.of("Effect", "Allow", "Principal", "*", "Action", "execute-api:Invoke", "Resource",
								"execute-api:/*", "Condition", Map.of("IpAddress", Map.of("aws:SourceIp", ranges))),
								Map.of("Effect", "Deny", "Principal", "*", "Action", "execute-api:Invoke", "Resource",
										"execute-api:/*/DELETE/*", "Condition",
										Map.of("NotIpAddress", Map.of("aws:SourceIp", "10.0.0.0/16"))))),
				resource -> resource.replace("execute-api:/", "arn:aws:execute-api:us-east-1:123456789012:petstore/"));
		this.authorizerPolicy = PolicyDocument.parse(Map.of("Version", "2012-10-17", "Statement",
				List.of(Map.of("Effect", "Allow", "Action", "execute-api:Invoke", "Resource", List
					.of("arn:aws:execute-api:*:*:orders/*/GET/*", "arn:aws:execute-api:*:*:petstore/*/GET/pets/*")))),
				resource -> resource);
		this.allowed = new RequestFacts(InetAddress.getByName("10.39.1.2"), "bench", null, true);
		this.denied = new RequestFacts(InetAddress.getByName("192.0.2.1"), "bench", null, true);
	}

	@Benchmark
	public Object resourcePolicyAllows() {
		return this.resourcePolicy.evaluate("execute-api:Invoke", ARN, this.allowed);
	}

	@Benchmark
	public Object resourcePolicyDenies() {
		return this.resourcePolicy.evaluate("execute-api:Invoke", ARN, this.denied);
	}

	@Benchmark
	public Object authorizerPolicyWithWildcards() {
		return this.authorizerPolicy.evaluate("execute-api:Invoke", ARN, this.allowed);
	}

}
