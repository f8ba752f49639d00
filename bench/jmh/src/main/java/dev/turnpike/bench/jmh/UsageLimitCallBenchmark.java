package dev.turnpike.bench.jmh;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import dev.turnpike.usageplans.core.QuotaPeriod;
import dev.turnpike.usageplans.core.RedisKeys;
import dev.turnpike.usageplans.core.ThrottleSettings;
import dev.turnpike.usageplans.core.UsageLimitCall;

/**
 * Building the usage-limits script call for one keyed request (keys and arguments of the
 * single {@code EVALSHA}): the daily usage counter, the quota, the plan bucket and the
 * method bucket, as the gateway's limiter builds it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class UsageLimitCallBenchmark {

	final ThrottleSettings planThrottle = new ThrottleSettings(100.0, 200);

	final ThrottleSettings methodThrottle = new ThrottleSettings(10.0, 20);

	@Benchmark
	public UsageLimitCall quotaPlanAndMethodThrottle() {
		Instant now = Instant.now();
		QuotaPeriod.Window window = QuotaPeriod.MONTH.windowAt(now);
		String bucket = RedisKeys.planBucket("k123456", "plan42", "petstore", "prod");
		return UsageLimitCall.at(now)
			.usage(RedisKeys.dailyUsage("k123456", "plan42", LocalDate.ofInstant(now, ZoneOffset.UTC).toString()))
			.quota(RedisKeys.quotaCounter("k123456", "plan42", window.start().toString()), 100_000,
					window.secondsUntilEnd(now) + 60)
			.bucket(bucket, this.planThrottle)
			.bucket(bucket + ":/pets/GET", this.methodThrottle)
			.build();
	}

}
