package dev.turnpike.gateway;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import dev.turnpike.gateway.support.BlockingCalls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The blocking-call check the gateway tests run under is live: a deliberate sleep on a
 * non-blocking thread fails.
 */
class BlockingCallsTests {

	@Test
	void blockingCallOnNonBlockingThreadIsRecordedAndFailsTheCheck() {
		BlockingCalls.install();
		BlockingCalls.takeRecorded();

		String result = Mono.fromCallable(() -> {
			Thread.sleep(1);
			return "slept";
		}).subscribeOn(Schedulers.parallel()).block(Duration.ofSeconds(10));

		assertThat(result).isEqualTo("slept");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(BlockingCalls::assertNoneRecorded)
			.withMessageStartingWith("1 blocking call(s) on non-blocking threads:")
			.withMessageContaining("java.lang.Thread.sleep")
			.withMessageContaining("parallel-");
		BlockingCalls.assertNoneRecorded();
	}

}
