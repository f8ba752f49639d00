package dev.turnpike.gateway.protocol;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.util.ReferenceCountUtil;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.turnpike.gateway.error.GatewayException;

/**
 * Sits right after the HTTP codec on each API connection. A request the decoder refused
 * (its {@code decoderResult()} failed), that breaks a request limit, or that Spring could
 * not turn into a URI is replaced by a {@link RejectedRequest} carrying the gateway
 * response; everything the connection sends after it is read and dropped, since the
 * connection closes once that response is written. Without this, Reactor Netty answers
 * such requests itself with a bare 400, 414 or 431.
 */
final class ProtocolErrorHandler extends ChannelInboundHandlerAdapter {

	static final String NAME = "turnpike.protocolErrors";

	private static final Log LOG = LogFactory.getLog(ProtocolErrorHandler.class);

	private final ProtocolLimits limits;

	private boolean rejected;

	ProtocolErrorHandler(ProtocolLimits limits) {
		this.limits = limits;
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		if (this.rejected) {
			ReferenceCountUtil.release(msg);
			return;
		}
		if (msg instanceof HttpRequest request) {
			GatewayException rejection = request.decoderResult().isFailure()
					? RequestChecks.decodingFailure(request.decoderResult().cause())
					: RequestChecks.check(request, this.limits);
			if (rejection != null) {
				reject(ctx, request, rejection);
				return;
			}
		}
		ctx.fireChannelRead(msg);
	}

	private void reject(ChannelHandlerContext ctx, HttpRequest request, GatewayException rejection) {
		this.rejected = true;
		if (LOG.isDebugEnabled()) {
			LOG.debug("Refusing a request from " + ctx.channel().remoteAddress() + " as " + rejection.type()
					+ (request.decoderResult().isFailure() ? ": " + request.decoderResult().cause() : ""));
		}
		ReferenceCountUtil.release(request);
		// Keep reading (and dropping) what the client still sends until the close:
		// closing on unread bytes would
		// reset the connection, and the client could lose the response.
		ctx.channel().config().setAutoRead(true);
		ctx.fireChannelRead(RejectedRequest.create(rejection));
	}

}
