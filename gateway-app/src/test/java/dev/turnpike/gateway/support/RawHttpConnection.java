package dev.turnpike.gateway.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 connection over a plain socket to 127.0.0.1, for requests the JDK's HTTP
 * client refuses to send (control characters, bad header names, conflicting lengths,
 * oversized header sections): the test writes the exact bytes and reads the answers one
 * by one, and can tell whether the server closed the connection.
 */
public final class RawHttpConnection implements AutoCloseable {

	/** One response as read from the wire; header names are lower-cased. */
	public record Response(int status, Map<String, List<String>> headers, String body) {

		public String header(String name) {
			List<String> values = this.headers.get(name.toLowerCase(Locale.ROOT));
			return (values != null) ? values.get(0) : null;
		}

	}

	private final Socket socket;

	private final InputStream in;

	private final OutputStream out;

	private RawHttpConnection(Socket socket) throws IOException {
		this.socket = socket;
		this.in = socket.getInputStream();
		this.out = socket.getOutputStream();
	}

	/** Opens a connection to {@code port} on 127.0.0.1; reads give up after 10 s. */
	public static RawHttpConnection open(int port) {
		try {
			Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
			socket.setSoTimeout(10_000);
			return new RawHttpConnection(socket);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Sends {@code request} (ISO-8859-1, so every char is one byte) and reads one
	 * response.
	 */
	public static Response exchange(int port, String request) {
		try (RawHttpConnection connection = open(port)) {
			connection.send(request);
			return connection.read();
		}
	}

	public RawHttpConnection send(String bytes) {
		try {
			this.out.write(bytes.getBytes(StandardCharsets.ISO_8859_1));
			this.out.flush();
			return this;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Reads the next response: status line, headers, and a body framed by Content-Length
	 * or chunked encoding.
	 */
	public Response read() {
		try {
			String statusLine = line();
			if (statusLine == null) {
				throw new IllegalStateException("the server closed the connection without answering");
			}
			int status = Integer.parseInt(statusLine.split(" ", 3)[1]);
			Map<String, List<String>> headers = new LinkedHashMap<>();
			for (String line = line(); line != null && !line.isEmpty(); line = line()) {
				int colon = line.indexOf(':');
				headers
					.computeIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
					.add(line.substring(colon + 1).trim());
			}
			return new Response(status, headers, body(headers));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Whether the server has closed the connection (end of stream before the timeout,
	 * nothing more sent).
	 */
	public boolean isClosedByServer() {
		try {
			return this.in.read() == -1;
		}
		catch (SocketTimeoutException ex) {
			return false;
		}
		catch (IOException ex) {
			// A reset is a close too.
			return true;
		}
	}

	private String body(Map<String, List<String>> headers) throws IOException {
		List<String> length = headers.get("content-length");
		if (length != null) {
			return new String(this.in.readNBytes(Integer.parseInt(length.get(0))), StandardCharsets.UTF_8);
		}
		List<String> encoding = headers.get("transfer-encoding");
		if (encoding == null || !encoding.get(0).contains("chunked")) {
			return "";
		}
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		for (int size = Integer.parseInt(line().trim(), 16); size > 0; size = Integer.parseInt(line().trim(), 16)) {
			body.write(this.in.readNBytes(size));
			line();
		}
		for (String trailer = line(); trailer != null && !trailer.isEmpty(); trailer = line()) {
			// trailers are not needed
		}
		return body.toString(StandardCharsets.UTF_8);
	}

	private String line() throws IOException {
		StringBuilder line = new StringBuilder();
		for (int b = this.in.read(); b != -1; b = this.in.read()) {
			if (b == '\n') {
				int end = line.length();
				return (end > 0 && line.charAt(end - 1) == '\r') ? line.substring(0, end - 1) : line.toString();
			}
			line.append((char) b);
		}
		return (line.length() > 0) ? line.toString() : null;
	}

	@Override
	public void close() {
		try {
			this.socket.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
