package dev.turnpike.test.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A real Redis server for a test: the embedded {@code redis-server} binary or a
 * Testcontainers container.
 * <p>
 * It can be stopped and started again on the same address, so tests can prove what
 * happens while Redis is down and after it comes back.
 */
public interface RealRedis extends AutoCloseable {

	String host();

	int port();

	/** A {@code redis://host:port} URL, the form {@code spring.data.redis.url} takes. */
	default String url() {
		return "redis://" + host() + ":" + port();
	}

	/** Stops the server; the address stays reserved for {@link #start()}. */
	void stop();

	/** Starts the server again on the same address (after {@link #stop()}). */
	void start();

	boolean isRunning();

	/**
	 * Freezes the server without closing anything ({@code SIGSTOP} to
	 * {@code redis-server}, or a paused container): connections stay open and commands
	 * are accepted by the kernel but never answered, as with a Redis stuck in a long fork
	 * or a network black hole. Unlike {@link #stop()}, a client sees no disconnect, only
	 * time passing.
	 */
	void freeze();

	/**
	 * Lets a {@link #freeze() frozen} server run again ({@code SIGCONT}); it answers what
	 * queued up meanwhile.
	 */
	void thaw();

	/**
	 * What kind of server this is, for log lines ("embedded redis-server 6.2" or
	 * "container redis:7").
	 */
	String description();

	/** Removes every key, so a test starts from an empty database. */
	default void flushAll() {
		command("FLUSHALL");
	}

	/**
	 * Sends one inline command and returns the first reply line (for example
	 * {@code +PONG} or {@code :3}). Enough for test set-up and checks without pulling a
	 * Redis client into every test module.
	 */
	default String command(String... words) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(host(), port()), 2000);
			socket.setSoTimeout(5000);
			OutputStream out = socket.getOutputStream();
			StringBuilder resp = new StringBuilder("*").append(words.length).append("\r\n");
			for (String word : words) {
				byte[] bytes = word.getBytes(StandardCharsets.UTF_8);
				resp.append('$').append(bytes.length).append("\r\n").append(word).append("\r\n");
			}
			out.write(resp.toString().getBytes(StandardCharsets.UTF_8));
			out.flush();
			return readLine(socket.getInputStream());
		}
		catch (IOException ex) {
			throw new IllegalStateException("Redis command " + words[0] + " failed at " + url(), ex);
		}
	}

	private static String readLine(InputStream in) throws IOException {
		StringBuilder line = new StringBuilder();
		int c;
		while ((c = in.read()) != -1 && c != '\n') {
			if (c != '\r') {
				line.append((char) c);
			}
		}
		return line.toString();
	}

	@Override
	void close();

}
