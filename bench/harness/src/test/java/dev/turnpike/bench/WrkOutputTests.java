package dev.turnpike.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.within;

/**
 * The harness reads wrk's summary right: throughput, percentiles in any unit, and every
 * kind of error.
 */
class WrkOutputTests {

	static final String WITH_ERRORS = """
			Running 15s test @ http://127.0.0.1:18080/proxy
			  1 threads and 32 connections
			  Thread Stats   Avg      Stdev     Max   +/- Stdev
			    Latency     2.10ms  850.12us  31.20ms   91.02%
			    Req/Sec    14.70k   412.55    15.30k    80.00%
			  Latency Distribution
			     50%    2.01ms
			     75%    2.30ms
			     90%    2.71ms
			     99%    5.78ms
			  220512 requests in 15.00s, 34.91MB read
			  Socket errors: connect 0, read 3, write 0, timeout 1
			  Non-2xx or 3xx responses: 12
			Requests/sec:  14700.53
			Transfer/sec:      2.33MB
			""";

	@Test
	void readsThroughputPercentilesAndErrors() {
		Wrk.Result result = Wrk.parse(WITH_ERRORS);
		assertThat(result.requestsPerSecond()).isEqualTo(14700.53);
		assertThat(result.p50Millis()).isEqualTo(2.01);
		assertThat(result.p99Millis()).isEqualTo(5.78);
		assertThat(result.requests()).isEqualTo(220512);
		assertThat(result.non2xx()).isEqualTo(12);
		assertThat(result.socketErrors()).isEqualTo(4);
		assertThat(result.clean()).isFalse();
	}

	@Test
	void convertsMicrosecondsAndSecondsToMilliseconds() {
		String output = WITH_ERRORS.replace("50%    2.01ms", "50%  850.00us")
			.replace("99%    5.78ms", "99%    1.20s")
			.replace("  Socket errors: connect 0, read 3, write 0, timeout 1\n", "")
			.replace("  Non-2xx or 3xx responses: 12\n", "");
		Wrk.Result result = Wrk.parse(output);
		assertThat(result.p50Millis()).isCloseTo(0.85, within(1e-9));
		assertThat(result.p99Millis()).isCloseTo(1200, within(1e-9));
		assertThat(result.clean()).isTrue();
	}

	@Test
	void refusesOutputWithoutASummary() {
		assertThatIllegalStateException()
			.isThrownBy(() -> Wrk.parse("unable to connect to 127.0.0.1:1 Connection refused"))
			.withMessageContaining("Requests/sec");
	}

}
