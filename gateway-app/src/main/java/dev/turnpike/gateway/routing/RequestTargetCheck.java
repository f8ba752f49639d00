package dev.turnpike.gateway.routing;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Refuses request targets whose meaning a backend could read differently from the
 * gateway, before anything is matched (plain Java, no Spring). The gateway matches
 * resources on the raw path and hands path parameters and greedy paths to backends; a
 * path that a backend, a file system or a framework would resolve to another place must
 * therefore never pass. Refused (the caller answers an AWS-style 400):
 * <ul>
 * <li>dot segments {@code .} and {@code ..}, also when written with percent-encoded dots
 * ({@code %2e%2e}, {@code %2E.}, {@code .%2e}) — RFC 3986 §6.2.2.2 makes {@code %2E} the
 * same character as {@code .} — or followed by a path parameter ({@code ..;x}, which
 * servlet containers read as {@code ..});</li>
 * <li>a raw backslash, and an encoded slash or backslash ({@code %2F}, {@code %5C}) next
 * to a dot segment ({@code ..%2F}, {@code a%2F..%5Cb}), which a backend that decodes it
 * would resolve to another place; an encoded slash inside a value ({@code /orders/A%2F1})
 * is data and passes unchanged, as on AWS — resources are matched on the raw segments, so
 * it never changes which resource matches;</li>
 * <li>NUL and other control characters, raw or encoded ({@code %00}–{@code %1F},
 * {@code %7F}), in the path or the query;</li>
 * <li>malformed percent-encoding and percent-encoded bytes that are not valid UTF-8
 * (overlong forms such as {@code %C0%AE} for {@code .}).</li>
 * </ul>
 * Clients do not send these: browsers, curl and the AWS SDKs resolve dot segments before
 * sending. Rejecting rather than normalising keeps what the gateway matched and what the
 * backend receives the same string.
 */
public final class RequestTargetCheck {

	private RequestTargetCheck() {
	}

	/**
	 * Why the raw (still percent-encoded) path cannot be served, or {@code null} when it
	 * can.
	 */
	public static String checkPath(String rawPath) {
		if (rawPath == null || rawPath.isEmpty()) {
			return null;
		}
		int segmentStart = 0;
		for (int i = 0; i <= rawPath.length(); i++) {
			if (i == rawPath.length() || rawPath.charAt(i) == '/') {
				String problem = checkSegment(rawPath, segmentStart, i);
				if (problem != null) {
					return problem;
				}
				segmentStart = i + 1;
			}
		}
		return null;
	}

	/**
	 * Why the raw query cannot be served (control characters, raw or encoded, or
	 * malformed escapes), or {@code null}.
	 */
	public static String checkQuery(String rawQuery) {
		if (rawQuery == null || rawQuery.isEmpty()) {
			return null;
		}
		for (int i = 0; i < rawQuery.length(); i++) {
			char c = rawQuery.charAt(i);
			if (isControl(c)) {
				return "a control character in the query string";
			}
			if (c == '%') {
				int decoded = hexByte(rawQuery, i);
				if (decoded < 0) {
					return "malformed percent-encoding in the query string";
				}
				if (isControl((char) decoded)) {
					return "an encoded control character in the query string";
				}
				i += 2;
			}
		}
		return null;
	}

	private static String checkSegment(String path, int start, int end) {
		boolean encoded = false;
		DotSegment part = new DotSegment();
		for (int i = start; i < end; i++) {
			char c = path.charAt(i);
			char decoded = c;
			if (c == '%') {
				int value = hexByte(path, i);
				if (value < 0) {
					return "malformed percent-encoding in the path";
				}
				decoded = (char) value;
				encoded = true;
				i += 2;
			}
			else if (c == '\\') {
				return "a backslash in the path";
			}
			if (isControl(decoded)) {
				return "a control character in the path";
			}
			if (decoded == '/' || decoded == '\\') {
				// An encoded slash is data inside this segment, unless what it separates
				// is a dot segment for a
				// backend that decodes it (..%2F, %2F..%5C).
				if (part.isDotSegment()) {
					return "a dot segment in the path";
				}
				part = new DotSegment();
			}
			else {
				part.add(decoded);
			}
		}
		if (part.isDotSegment()) {
			return "a dot segment in the path";
		}
		if (encoded && !isUtf8(path, start, end)) {
			return "percent-encoded bytes in the path that are not UTF-8";
		}
		return null;
	}

	/**
	 * Whether the characters of one (sub-)segment are {@code .} or {@code ..}, ignoring a
	 * {@code ;} path parameter.
	 */
	private static final class DotSegment {

		private int length;

		private int dots;

		private boolean parameters;

		void add(char c) {
			if (c == ';') {
				// Servlet containers read "..;x" as ".." with a path parameter.
				this.parameters = true;
			}
			if (!this.parameters) {
				this.length++;
				this.dots += (c == '.') ? 1 : 0;
			}
		}

		boolean isDotSegment() {
			return this.length > 0 && this.length <= 2 && this.dots == this.length;
		}

	}

	private static boolean isControl(char c) {
		return c < 0x20 || c == 0x7f;
	}

	/**
	 * The byte a {@code %XY} escape at {@code index} stands for, or -1 when it is
	 * malformed.
	 */
	private static int hexByte(String text, int index) {
		if (index + 2 >= text.length()) {
			return -1;
		}
		int high = Character.digit(text.charAt(index + 1), 16);
		int low = Character.digit(text.charAt(index + 2), 16);
		return (high < 0 || low < 0) ? -1 : (high << 4) | low;
	}

	/**
	 * Whether the segment's bytes (escapes decoded, other characters as UTF-8) are valid,
	 * shortest-form UTF-8.
	 */
	private static boolean isUtf8(String path, int start, int end) {
		ByteBuffer bytes = ByteBuffer.allocate((end - start) * 3);
		for (int i = start; i < end; i++) {
			char c = path.charAt(i);
			if (c == '%') {
				bytes.put((byte) hexByte(path, i));
				i += 2;
			}
			else if (c < 0x80) {
				bytes.put((byte) c);
			}
			else {
				bytes.put(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
			}
		}
		bytes.flip();
		try {
			// Java's decoder refuses overlong forms and surrogates, as RFC 3629 requires.
			StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(bytes);
			return true;
		}
		catch (CharacterCodingException ex) {
			return false;
		}
	}

}
