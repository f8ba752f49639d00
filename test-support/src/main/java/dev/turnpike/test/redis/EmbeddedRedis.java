package dev.turnpike.test.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;

import redis.embedded.RedisServer;

/**
 * The {@code redis-server} binary shipped in the {@code com.github.codemonstur:embedded-redis} artifact, started
 * as a child process on a free loopback port. No persistence: every start is an empty database.
 */
public final class EmbeddedRedis implements RealRedis {

	private static final String HOST = "127.0.0.1";

	private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

	private final int port;

	private RedisServer server;

	private EmbeddedRedis(int port) {
		this.port = port;
	}

	/** Starts a server on a free port; retries a few times in case another process grabbed the port first. */
	public static EmbeddedRedis startOnFreePort() {
		IllegalStateException last = null;
		for (int attempt = 0; attempt < 3; attempt++) {
			EmbeddedRedis redis = new EmbeddedRedis(freePort());
			try {
				redis.start();
				return redis;
			}
			catch (IllegalStateException ex) {
				last = ex;
			}
		}
		throw last;
	}

	/** Starts a server on the given port (used by the local platform, which wants the usual 6379). */
	public static EmbeddedRedis startOn(int port) {
		EmbeddedRedis redis = new EmbeddedRedis(port);
		redis.start();
		return redis;
	}

	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getByName(HOST))) {
			socket.setReuseAddress(true);
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public String host() {
		return HOST;
	}

	@Override
	public int port() {
		return this.port;
	}

	@Override
	public synchronized void start() {
		if (isRunning()) {
			return;
		}
		try {
			this.server = RedisServer.newRedisServer()
				.port(this.port)
				.bind(HOST)
				.setting("save \"\"")
				.setting("appendonly no")
				.setting("protected-mode no")
				.onShutdownForceStop(true)
				.build();
			this.server.start();
		}
		catch (IOException | RuntimeException ex) {
			throw new IllegalStateException("Could not start embedded redis-server on port " + this.port, ex);
		}
		awaitAcceptingConnections();
	}

	private void awaitAcceptingConnections() {
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress(HOST, this.port), 200);
				if ("+PONG".equals(command("PING"))) {
					return;
				}
			}
			catch (IOException | IllegalStateException ex) {
				sleep(50);
			}
		}
		throw new IllegalStateException("embedded redis-server did not accept connections on port " + this.port);
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public synchronized void stop() {
		if (this.server != null) {
			try {
				this.server.stop();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			this.server = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.server != null && this.server.isActive();
	}

	@Override
	public String description() {
		return "embedded redis-server on " + url();
	}

	@Override
	public void close() {
		stop();
	}

}
