package dev.turnpike.gateway.cache;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A cached answer: status, headers, body, and when it expires by the gateway's clock
 * (Redis expires it too, by its own). Stored as a small binary record; the body is kept
 * as it is, so an unencrypted entry is readable in Redis (an encrypted one is not: see
 * {@link EntryCipher}).
 */
record CachedResponse(int status, long expiresAtMillis, List<Map.Entry<String, String>> headers, byte[] body) {

	private static final int VERSION = 1;

	byte[] encode() {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(this.body.length + 256);
		try (DataOutputStream out = new DataOutputStream(bytes)) {
			out.writeByte(VERSION);
			out.writeLong(this.expiresAtMillis);
			out.writeShort(this.status);
			out.writeShort(this.headers.size());
			for (Map.Entry<String, String> header : this.headers) {
				out.writeUTF(header.getKey());
				out.writeUTF(header.getValue());
			}
			out.writeInt(this.body.length);
			out.write(this.body);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	/**
	 * @return the response, or {@code null} when the bytes are not a record this version
	 * wrote
	 */
	static CachedResponse decode(byte[] encoded) {
		try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded))) {
			if (in.readUnsignedByte() != VERSION) {
				return null;
			}
			long expiresAt = in.readLong();
			int status = in.readUnsignedShort();
			int count = in.readUnsignedShort();
			List<Map.Entry<String, String>> headers = new ArrayList<>(count);
			for (int i = 0; i < count; i++) {
				headers.add(Map.entry(in.readUTF(), in.readUTF()));
			}
			int length = in.readInt();
			if (length < 0 || length > encoded.length) {
				return null;
			}
			byte[] body = in.readNBytes(length);
			return (body.length == length) ? new CachedResponse(status, expiresAt, List.copyOf(headers), body) : null;
		}
		catch (IOException ex) {
			return null;
		}
	}

}
