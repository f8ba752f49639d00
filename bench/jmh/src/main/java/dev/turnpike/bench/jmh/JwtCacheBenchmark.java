package dev.turnpike.bench.jmh;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import reactor.netty.http.client.HttpClient;

import dev.turnpike.gateway.authorizer.JwtVerifiers;

/**
 * JWT verification as the gateway's JWT authorizer does it, against a real issuer
 * (mock-oauth2-server, RS256): a token seen before (the verification cache: a SHA-256 and
 * a lookup) and a token never seen (a full signature check and claim validation, with the
 * issuer's keys already fetched). The difference is what the cache saves per request.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class JwtCacheBenchmark {

	MockOAuth2Server issuerServer;

	String issuer;

	JwtVerifiers cached;

	JwtVerifiers uncached;

	String token;

	/**
	 * Distinct tokens for the uncached path, so a lagging eviction can never turn it into
	 * a cache hit.
	 */
	String[] fresh;

	int next;

	@Setup(Level.Trial)
	public void start() {
		this.issuerServer = new MockOAuth2Server();
		this.issuerServer.start();
		this.issuer = this.issuerServer.issuerUrl("bench").toString();
		this.token = this.issuerServer.issueToken("bench", "alice", "bench", Map.of("scope", "read"), 7200).serialize();
		this.fresh = new String[1000];
		for (int i = 0; i < this.fresh.length; i++) {
			this.fresh[i] = this.issuerServer.issueToken("bench", "user" + i, "bench", Map.of("scope", "read"), 7200)
				.serialize();
		}
		this.cached = verifiers(100_000);
		// A cache of size 0 keeps nothing: every call verifies the signature.
		this.uncached = verifiers(0);
		this.cached.verify(this.issuer, this.token).block();
		this.uncached.verify(this.issuer, this.token).block();
	}

	private static JwtVerifiers verifiers(long cacheSize) {
		return new JwtVerifiers(HttpClient.create(), Duration.ofSeconds(20), Duration.ofHours(2),
				Duration.ofSeconds(30), Duration.ofSeconds(30), Clock.systemUTC(), cacheSize,
				new SimpleMeterRegistry());
	}

	@TearDown(Level.Trial)
	public void stop() {
		this.issuerServer.shutdown();
	}

	@Benchmark
	public Object cachedToken() {
		return this.cached.verify(this.issuer, this.token).block();
	}

	@Benchmark
	public Object signatureCheck() {
		String token = this.fresh[this.next];
		this.next = (this.next + 1) % this.fresh.length;
		return this.uncached.verify(this.issuer, token).block();
	}

}
