package dev.turnpike.test.netty;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class when Netty reports a leaked buffer during it. Registered
 * automatically (JUnit extension auto-detection) in modules that run Netty in their
 * tests; run them with {@code -Dio.netty.leakDetection.level=paranoid} so every buffer is
 * tracked. Leaks show up when a lost buffer is garbage collected, so after each class
 * this collects garbage, lets Netty look, and fails with the records of every leak seen.
 */
public final class NettyLeakDetection implements AfterAllCallback {

	private static final Queue<String> LEAKS = new ConcurrentLinkedQueue<>();

	static {
		// Must be installed before Netty creates its detectors (when its buffer classes
		// initialise).
		ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(new RecordingFactory());
	}

	@Override
	public void afterAll(ExtensionContext context) throws InterruptedException {
		List<String> leaks = collectLeaks();
		if (!leaks.isEmpty()) {
			throw new AssertionError(leaks.size() + " Netty buffer leak(s) during " + context.getDisplayName() + ":\n"
					+ String.join("\n\n", leaks));
		}
	}

	/**
	 * The leaks reported since the last call, after giving lost buffers every chance to
	 * be found.
	 */
	static List<String> collectLeaks() throws InterruptedException {
		for (int round = 0; round < 3; round++) {
			System.gc();
			Thread.sleep(100);
			// Detectors look for collected, unreleased buffers when new ones are tracked.
			for (int i = 0; i < 64; i++) {
				ByteBuf pooled = PooledByteBufAllocator.DEFAULT.buffer(16);
				pooled.release();
				ByteBuf unpooled = UnpooledByteBufAllocator.DEFAULT.buffer(16);
				unpooled.release();
			}
		}
		List<String> leaks = List.copyOf(LEAKS);
		LEAKS.clear();
		return leaks;
	}

	private static final class RecordingFactory extends ResourceLeakDetectorFactory {

		@Override
		@SuppressWarnings("deprecation")
		public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval,
				long maxActive) {
			return new RecordingDetector<>(resource, samplingInterval);
		}

		@Override
		public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval) {
			return new RecordingDetector<>(resource, samplingInterval);
		}

	}

	private static final class RecordingDetector<T> extends ResourceLeakDetector<T> {

		RecordingDetector(Class<T> resource, int samplingInterval) {
			super(resource, samplingInterval);
		}

		@Override
		protected void reportTracedLeak(String resourceType, String records) {
			LEAKS.add("LEAK: " + resourceType + records);
			super.reportTracedLeak(resourceType, records);
		}

		@Override
		protected void reportUntracedLeak(String resourceType) {
			LEAKS.add("LEAK: " + resourceType + " (untraced)");
			super.reportUntracedLeak(resourceType);
		}

	}

}
