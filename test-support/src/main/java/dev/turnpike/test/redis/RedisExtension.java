package dev.turnpike.test.redis;

import java.util.logging.Logger;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.testcontainers.DockerClientFactory;

/**
 * Gives tests a real Redis. With a reachable Docker engine it runs Redis in a
 * Testcontainers container; without one (as on the project's build machines) it runs the
 * embedded {@code redis-server} binary on a free port.
 * <p>
 * One shared server serves the whole test JVM ({@link #shared()}), so Spring contexts
 * that point at it can be cached across test classes. Tests that need their own server —
 * to stop it, say — use {@link #isolated()} and close it themselves. Inject the shared
 * server as a {@link RealRedis} parameter with {@code @ExtendWith(RedisExtension.class)},
 * or read {@link #shared()} from a {@code @DynamicPropertySource}.
 * <p>
 * Set {@code -Dturnpike.test.redis=embedded} (or {@code container}) to force one kind.
 */
public final class RedisExtension implements ParameterResolver {

	private static final Logger LOG = Logger.getLogger(RedisExtension.class.getName());

	private static RealRedis shared;

	/**
	 * The JVM-wide shared server, started on first use and stopped when the JVM exits.
	 */
	public static synchronized RealRedis shared() {
		if (shared == null) {
			RealRedis redis = isolated();
			Runtime.getRuntime().addShutdownHook(new Thread(redis::close, "redis-test-shutdown"));
			shared = redis;
		}
		else if (!shared.isRunning()) {
			shared.start();
		}
		return shared;
	}

	/** A new server of its own for one test class; the caller closes it. */
	public static RealRedis isolated() {
		RealRedis redis = useContainer() ? ContainerRedis.startContainer() : EmbeddedRedis.startOnFreePort();
		LOG.info(() -> "Real Redis for tests: " + redis.description());
		return redis;
	}

	/**
	 * A new server of its own whose data survives {@link RealRedis#stop()} and
	 * {@link RealRedis#start()}: the embedded binary with an append-only file in
	 * {@code dataDir} ({@code appendfsync always}), or a container (whose stop only
	 * pauses it). The caller closes it.
	 */
	public static RealRedis isolatedKeepingData(java.nio.file.Path dataDir) {
		RealRedis redis = useContainer() ? ContainerRedis.startContainer()
				: EmbeddedRedis.startWithAppendOnlyFile(dataDir);
		LOG.info(() -> "Real Redis (keeping data across restarts) for tests: " + redis.description());
		return redis;
	}

	private static boolean useContainer() {
		String forced = System.getProperty("turnpike.test.redis", "auto");
		if ("embedded".equals(forced)) {
			return false;
		}
		if ("container".equals(forced)) {
			return true;
		}
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (RuntimeException | LinkageError ex) {
			return false;
		}
	}

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return parameterContext.getParameter().getType() == RealRedis.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return shared();
	}

}
