package dev.turnpike.gateway;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import dev.turnpike.gateway.support.BlockingCalls;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The blocking-call check the gateway tests run under is live: a deliberate sleep on a non-blocking thread fails. */
class BlockingCallsTests {

	@Test
	void blockingCallOnNonBlockingThreadFailsOnceBlockingCallsAreInstalled() {
		BlockingCalls.install();

		assertThatThrownBy(() -> Mono.fromCallable(() -> {
			Thread.sleep(1);
			return "slept";
		}).subscribeOn(Schedulers.parallel()).block(Duration.ofSeconds(10)))
			.hasRootCauseInstanceOf(BlockingOperationError.class);
	}

}
