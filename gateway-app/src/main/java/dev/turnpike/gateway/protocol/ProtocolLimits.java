package dev.turnpike.gateway.protocol;

import dev.turnpike.gateway.TurnpikeProperties;

/**
 * The request limits checked before routing, and the coarser caps given to Netty's
 * decoder so that it never holds more than a bounded header section in memory.
 *
 * @param maxHeaderValuesBytes the most bytes all header values may add up to (AWS REST
 * counts values only)
 * @param maxHeaderCount the most header lines
 * @param maxUriLength the longest request target, in characters
 */
public record ProtocolLimits(int maxHeaderValuesBytes, int maxHeaderCount, int maxUriLength) {

	/**
	 * Room per header for its name, the colon and spaces: Netty counts whole lines, AWS
	 * counts values.
	 */
	static final int HEADER_NAME_ALLOWANCE = 256;

	/**
	 * Room in the request line for the method, the spaces and the version around the
	 * target.
	 */
	static final int REQUEST_LINE_ALLOWANCE = 1024;

	public static ProtocolLimits of(TurnpikeProperties.Limits limits) {
		return new ProtocolLimits((int) limits.maxHeaderValuesSize().toBytes(), limits.maxHeaderCount(),
				limits.maxUriLength());
	}

	/**
	 * Netty's cap on the header section (lines without their CRLF): values plus a name
	 * allowance per header.
	 */
	public int decoderMaxHeaderSize() {
		long names = (long) this.maxHeaderCount * HEADER_NAME_ALLOWANCE;
		return (int) Math.min(Integer.MAX_VALUE, this.maxHeaderValuesBytes + names);
	}

	/**
	 * Netty's cap on the request line: the longest target plus room for method and
	 * version.
	 */
	public int decoderMaxInitialLineLength() {
		return (int) Math.min(Integer.MAX_VALUE, (long) this.maxUriLength + REQUEST_LINE_ALLOWANCE);
	}

}
