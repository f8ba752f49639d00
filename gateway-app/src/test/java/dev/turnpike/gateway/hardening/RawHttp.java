package dev.turnpike.gateway.hardening;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, for the requests the JDK client refuses to send:
 * smuggling framings, folded headers, raw path bytes, oversized heads. Writes the bytes
 * as given and reads every response the server sends until it closes the connection
 * (requests carry {@code Connection: close}) or falls silent.
 */
final class RawHttp {

	private static final int READ_TIMEOUT_MILLIS = 3000;

	private final int port;

	RawHttp(int port) {
		this.port = port;
	}

	/**
	 * A request head: request line, {@code Host}, the given header lines,
	 * {@code Connection: close}, blank line.
	 */
	static String head(String requestLine, String... headerLines) {
		StringBuilder head = new StringBuilder(requestLine).append("\r\nHost: ")
			.append(FortressApi.HOST)
			.append("\r\n");
		for (String line : headerLines) {
			head.append(line).append("\r\n");
		}
		return head.append("Connection: close\r\n\r\n").toString();
	}

	/**
	 * Sends {@code request} on a new connection; the answers in order, or one closed
	 * answer when there was none.
	 */
	List<Answer> exchange(String request) {
		return exchange(request.getBytes(StandardCharsets.ISO_8859_1));
	}

	List<Answer> exchange(byte[] request) {
		byte[] received;
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.port)) {
			socket.setSoTimeout(READ_TIMEOUT_MILLIS);
			OutputStream out = socket.getOutputStream();
			try {
				out.write(request);
				out.flush();
			}
			catch (SocketException ex) {
				// the server stopped reading (and may have answered already): read what
				// it sent
			}
			received = readAll(socket.getInputStream());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		List<Answer> answers = parse(received);
		return answers.isEmpty() ? List.of(Answer.closedConnection()) : answers;
	}

	private static byte[] readAll(InputStream in) throws IOException {
		ByteArrayOutputStream all = new ByteArrayOutputStream();
		byte[] chunk = new byte[8192];
		try {
			for (int read = in.read(chunk); read >= 0; read = in.read(chunk)) {
				all.write(chunk, 0, read);
			}
		}
		catch (SocketTimeoutException | SocketException ex) {
			// silence or a reset ends the exchange; what arrived before counts
		}
		return all.toByteArray();
	}

	/**
	 * The responses in {@code bytes}: heads, then bodies framed by Content-Length or
	 * chunked encoding.
	 */
	static List<Answer> parse(byte[] bytes) {
		String text = new String(bytes, StandardCharsets.ISO_8859_1);
		List<Answer> answers = new ArrayList<>();
		int at = 0;
		while (at < text.length()) {
			int headEnd = text.indexOf("\r\n\r\n", at);
			if (headEnd < 0 || !text.startsWith("HTTP/", at)) {
				break;
			}
			String[] lines = text.substring(at, headEnd).split("\r\n");
			int status = Integer.parseInt(lines[0].split(" ")[1]);
			Map<String, List<String>> headers = new LinkedHashMap<>();
			for (int i = 1; i < lines.length; i++) {
				int colon = lines[i].indexOf(':');
				headers
					.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
							n -> new ArrayList<>())
					.add(lines[i].substring(colon + 1).trim());
			}
			int bodyStart = headEnd + 4;
			StringBuilder body = new StringBuilder();
			at = readBody(text, bodyStart, headers, body);
			answers.add(Answer.of(status, headers,
					new String(body.toString().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8)));
		}
		return answers;
	}

	private static int readBody(String text, int start, Map<String, List<String>> headers, StringBuilder body) {
		List<String> length = headers.get("content-length");
		List<String> encoding = headers.get("transfer-encoding");
		if (encoding != null && encoding.get(0).toLowerCase(Locale.ROOT).contains("chunked")) {
			int at = start;
			while (at < text.length()) {
				int lineEnd = text.indexOf("\r\n", at);
				int size = Integer.parseInt(text.substring(at, lineEnd).split(";")[0].trim(), 16);
				at = lineEnd + 2;
				if (size == 0) {
					return Math.min(text.length(), at + 2);
				}
				body.append(text, at, Math.min(text.length(), at + size));
				at += size + 2;
			}
			return text.length();
		}
		if (length != null) {
			int end = Math.min(text.length(), start + Integer.parseInt(length.get(0)));
			body.append(text, start, end);
			return end;
		}
		body.append(text, start, text.length());
		return text.length();
	}

}
