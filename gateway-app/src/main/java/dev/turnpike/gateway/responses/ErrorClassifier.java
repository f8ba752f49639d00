package dev.turnpike.gateway.responses;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLException;

import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.unix.Errors;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.timeout.ReadTimeoutException;
import reactor.netty.http.client.PrematureCloseException;

import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

import dev.turnpike.gateway.error.GatewayException;
import dev.turnpike.gateway.error.GatewayResponseType;

/**
 * Turns whatever went wrong into a gateway response: expected rejections arrive as
 * {@link GatewayException} already; backend failures are recognised by their exception (a
 * refused or failed connection is an {@code INTEGRATION_FAILURE} answered 502, and so is
 * a connection the backend resets or an answer that is not HTTP; a timeout is an
 * {@code INTEGRATION_TIMEOUT} answered 504); anything else is the gateway's own fault,
 * answered as AWS does with 500 {@code Internal server error}, and logged.
 */
final class ErrorClassifier {

	private ErrorClassifier() {
	}

	/**
	 * The gateway response for {@code error}; {@code null} means unexpected (log it,
	 * answer 500).
	 */
	static GatewayException classify(Throwable error) {
		for (Throwable cause = error; cause != null; cause = cause.getCause()) {
			GatewayException known = classifyOne(cause);
			if (known != null) {
				return known;
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return null;
	}

	private static GatewayException classifyOne(Throwable error) {
		if (error instanceof GatewayException gateway) {
			return gateway;
		}
		if (error instanceof TimeoutException || error instanceof ReadTimeoutException) {
			return GatewayException.of(GatewayResponseType.INTEGRATION_TIMEOUT);
		}
		if (error instanceof ResponseStatusException status) {
			return classifyStatus(status);
		}
		if (error instanceof ConnectTimeoutException || error instanceof ConnectException
				|| error instanceof UnknownHostException || error instanceof NoRouteToHostException
				|| error instanceof PrematureCloseException || error instanceof ClosedChannelException
				|| error instanceof SSLException || isBrokenBackendConnection(error)) {
			return GatewayException.withStatus(GatewayResponseType.INTEGRATION_FAILURE, 502, error);
		}
		if (error instanceof DataBufferLimitException) {
			return GatewayException.of(GatewayResponseType.REQUEST_TOO_LARGE);
		}
		return null;
	}

	/**
	 * A backend connection reset mid-answer ({@code ECONNRESET}: Netty's native transport
	 * reports it as {@link Errors.NativeIoException}, the JDK one as
	 * {@link SocketException}) or an answer Netty cannot decode as HTTP. Requests never
	 * get here with these: the server side answers a client's malformed request itself.
	 */
	private static boolean isBrokenBackendConnection(Throwable error) {
		return error instanceof Errors.NativeIoException || error instanceof SocketException
				|| error instanceof DecoderException;
	}

	private static GatewayException classifyStatus(ResponseStatusException status) {
		if (status.getStatusCode().value() == HttpStatus.GATEWAY_TIMEOUT.value()) {
			return GatewayException.of(GatewayResponseType.INTEGRATION_TIMEOUT);
		}
		if (status.getStatusCode().value() == HttpStatus.PAYLOAD_TOO_LARGE.value()) {
			return GatewayException.of(GatewayResponseType.REQUEST_TOO_LARGE);
		}
		if (status.getStatusCode().value() == HttpStatus.NOT_FOUND.value()) {
			return GatewayException.of(GatewayResponseType.NO_MATCHING_STAGE);
		}
		if (status.getStatusCode().is4xxClientError()) {
			return GatewayException.withStatus(GatewayResponseType.BAD_REQUEST_PARAMETERS,
					status.getStatusCode().value(), status);
		}
		return null;
	}

}
