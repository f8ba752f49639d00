package dev.turnpike.test.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The leak check itself: a buffer dropped without release is reported; released ones are
 * not.
 */
class NettyLeakDetectionTests {

	static {
		// load the extension (and its recording factory) before any buffer class
		// initialises
		new NettyLeakDetection();
	}

	@Test
	void droppedBufferIsReportedAndReleasedOnesAreNot() throws InterruptedException {
		ResourceLeakDetector.Level before = ResourceLeakDetector.getLevel();
		ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
		try {
			NettyLeakDetection.collectLeaks();
			ByteBuf released = PooledByteBufAllocator.DEFAULT.buffer(32);
			released.writeInt(1);
			released.release();
			assertThat(NettyLeakDetection.collectLeaks()).isEmpty();

			leak();
			assertThat(NettyLeakDetection.collectLeaks()).hasSize(1).first().asString().startsWith("LEAK: ByteBuf");
		}
		finally {
			ResourceLeakDetector.setLevel(before);
		}
	}

	private static void leak() {
		ByteBuf lost = PooledByteBufAllocator.DEFAULT.buffer(32);
		lost.writeInt(42);
	}

}
