package dev.turnpike.test.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;

import redis.embedded.RedisServer;

/**
 * The {@code redis-server} binary shipped in the
 * {@code com.github.codemonstur:embedded-redis} artifact, started as a child process on a
 * free loopback port. No persistence unless started with
 * {@link #startWithAppendOnlyFile}: every start is an empty database. {@link #freeze()}
 * and {@link #thaw()} send {@code SIGSTOP}/{@code SIGCONT}.
 */
public final class EmbeddedRedis implements RealRedis {

	private static final String HOST = "127.0.0.1";

	private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

	private final int port;

	/** Where the append-only file lives, or null for no persistence. */
	private final java.nio.file.Path dataDir;

	private RedisServer server;

	private long pid;

	private boolean frozen;

	private EmbeddedRedis(int port) {
		this(port, null);
	}

	private EmbeddedRedis(int port, java.nio.file.Path dataDir) {
		this.port = port;
		this.dataDir = dataDir;
	}

	/**
	 * Starts a server on a free port that writes every command to an append-only file in
	 * {@code dataDir} ({@code appendfsync always}), so {@link #stop()} then
	 * {@link #start()} — or a crash — keeps the data.
	 */
	public static EmbeddedRedis startWithAppendOnlyFile(java.nio.file.Path dataDir) {
		EmbeddedRedis redis = new EmbeddedRedis(freePort(), dataDir);
		redis.start();
		return redis;
	}

	/**
	 * Starts a server on a free port; retries a few times in case another process grabbed
	 * the port first.
	 */
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

	/**
	 * Starts a server on the given port (used by the local platform, which wants the
	 * usual 6379).
	 */
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
			if (this.dataDir != null) {
				java.nio.file.Files.createDirectories(this.dataDir);
			}
			this.server = RedisServer.newRedisServer()
				.port(this.port)
				.bind(HOST)
				.setting("save \"\"")
				.setting((this.dataDir != null) ? "appendonly yes" : "appendonly no")
				.settingIf(this.dataDir != null, "appendfsync always")
				.settingIf(this.dataDir != null, "dir " + this.dataDir)
				.setting("protected-mode no")
				.onShutdownForceStop(true)
				.build();
			this.server.start();
		}
		catch (IOException | RuntimeException ex) {
			throw new IllegalStateException("Could not start embedded redis-server on port " + this.port, ex);
		}
		awaitAcceptingConnections();
		this.pid = processId();
	}

	/**
	 * The server's process id, from {@code INFO server} (the library does not expose its
	 * process).
	 */
	private long processId() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(HOST, this.port), 2000);
			socket.setSoTimeout(5000);
			socket.getOutputStream().write("INFO server\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
			socket.getOutputStream().flush();
			java.io.BufferedReader reader = new java.io.BufferedReader(
					new java.io.InputStreamReader(socket.getInputStream(), java.nio.charset.StandardCharsets.US_ASCII));
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				if (line.startsWith("process_id:")) {
					return Long.parseLong(line.substring("process_id:".length()).trim());
				}
			}
			throw new IllegalStateException("redis-server on port " + this.port + " did not report its process id");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public synchronized void freeze() {
		if (!this.frozen && isRunning()) {
			signal("STOP");
			this.frozen = true;
		}
	}

	@Override
	public synchronized void thaw() {
		if (this.frozen) {
			signal("CONT");
			this.frozen = false;
		}
	}

	private void signal(String name) {
		try {
			Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(this.pid)).inheritIO().start();
			if (!kill.waitFor(5, java.util.concurrent.TimeUnit.SECONDS) || kill.exitValue() != 0) {
				throw new IllegalStateException("kill -" + name + " " + this.pid + " failed");
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
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
		thaw();
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
