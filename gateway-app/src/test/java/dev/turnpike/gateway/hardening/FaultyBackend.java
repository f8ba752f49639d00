package dev.turnpike.gateway.hardening;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A backend that misbehaves at the TCP level, which no well-behaved HTTP server can be
 * made to do: it reads the request head and then hangs, resets the connection in the
 * middle of a body, or answers bytes that are not HTTP.
 */
final class FaultyBackend implements AutoCloseable {

	enum Fault {

		/** Reads the request, never answers (until closed). */
		HANG,
		/** Sends a 200 head announcing 1000 bytes, 100 of them, then a TCP reset. */
		RESET_MID_BODY,
		/** Answers something that is not HTTP, then closes. */
		GARBAGE

	}

	private final ServerSocket server;

	private final Fault fault;

	private final Queue<Socket> open = new ConcurrentLinkedQueue<>();

	private final AtomicInteger connections = new AtomicInteger();

	private final Thread acceptor;

	private FaultyBackend(ServerSocket server, Fault fault) {
		this.server = server;
		this.fault = fault;
		this.acceptor = new Thread(this::accept, "faulty-backend");
		this.acceptor.setDaemon(true);
	}

	static FaultyBackend start(Fault fault) throws IOException {
		FaultyBackend backend = new FaultyBackend(new ServerSocket(0, 128, InetAddress.getLoopbackAddress()), fault);
		backend.acceptor.start();
		return backend;
	}

	String baseUrl() {
		return "http://127.0.0.1:" + this.server.getLocalPort();
	}

	/** Connections accepted so far. */
	int connections() {
		return this.connections.get();
	}

	private void accept() {
		while (!this.server.isClosed()) {
			try {
				Socket socket = this.server.accept();
				this.connections.incrementAndGet();
				this.open.add(socket);
				Thread handler = new Thread(() -> handle(socket), "faulty-backend-connection");
				handler.setDaemon(true);
				handler.start();
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	private void handle(Socket socket) {
		try {
			readHead(socket.getInputStream());
			OutputStream out = socket.getOutputStream();
			switch (this.fault) {
				case HANG -> {
					// keep the socket open; close() ends it
				}
				case RESET_MID_BODY -> {
					out.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n"
						.getBytes(StandardCharsets.US_ASCII));
					out.write(new byte[100]);
					out.flush();
					socket.setSoLinger(true, 0);
					socket.close();
				}
				case GARBAGE -> {
					out.write("\u0000\u0013\u00ff garbage, not HTTP at all \r\n\r\n\u0000"
						.getBytes(StandardCharsets.ISO_8859_1));
					out.flush();
					socket.close();
				}
			}
		}
		catch (IOException ex) {
			// the gateway gave up first: fine
		}
	}

	/**
	 * Reads up to the blank line ending the request head (test requests have no body).
	 */
	private static void readHead(InputStream in) throws IOException {
		int matched = 0;
		byte[] end = { '\r', '\n', '\r', '\n' };
		int b;
		while (matched < 4 && (b = in.read()) != -1) {
			matched = (b == end[matched]) ? matched + 1 : ((b == '\r') ? 1 : 0);
		}
	}

	@Override
	public void close() throws IOException {
		this.server.close();
		for (Socket socket : this.open) {
			socket.close();
		}
	}

}
