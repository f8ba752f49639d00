package dev.turnpike.gateway.protocol;

import io.netty.channel.ChannelPipeline;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpRequestDecoderSpec;
import reactor.netty.http.server.HttpServer;

import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

import dev.turnpike.gateway.TurnpikeProperties;
import dev.turnpike.gateway.responses.GatewayResponseWriter;

/**
 * The API port's HTTP decoder limits and protocol error answers. A
 * {@link WebServerFactoryCustomizer} rather than a {@code NettyServerCustomizer} bean:
 * the management server (its own child context) would pick up the latter too, and it has
 * no web filter to answer a rejected request.
 */
@Configuration(proxyBeanMethods = false)
class ProtocolConfiguration {

	@Bean
	ProtocolErrorWebFilter protocolErrorWebFilter(GatewayResponseWriter writer) {
		return new ProtocolErrorWebFilter(writer);
	}

	@Bean
	WebServerFactoryCustomizer<NettyReactiveWebServerFactory> protocolLimitsCustomizer(TurnpikeProperties properties) {
		return new ProtocolLimitsCustomizer(ProtocolLimits.of(properties.limits()));
	}

	/**
	 * Runs after Spring Boot's own Netty customizer (order 0), whose decoder settings it
	 * keeps and tightens.
	 */
	static final class ProtocolLimitsCustomizer
			implements WebServerFactoryCustomizer<NettyReactiveWebServerFactory>, Ordered {

		private final ProtocolLimits limits;

		ProtocolLimitsCustomizer(ProtocolLimits limits) {
			this.limits = limits;
		}

		@Override
		public void customize(NettyReactiveWebServerFactory factory) {
			factory.addServerCustomizers(this::apply);
		}

		private HttpServer apply(HttpServer server) {
			HttpRequestDecoderSpec current = server.configuration().decoder();
			return server
				.httpRequestDecoder(spec -> spec.maxInitialLineLength(this.limits.decoderMaxInitialLineLength())
					.maxHeaderSize(this.limits.decoderMaxHeaderSize())
					.maxChunkSize(current.maxChunkSize())
					.initialBufferSize(current.initialBufferSize())
					.h2cMaxContentLength(current.h2cMaxContentLength())
					.allowPartialChunks(current.allowPartialChunks())
					// Invalid header names and values, and more than one Content-Length,
					// are decoding failures.
					.validateHeaders(true)
					.allowDuplicateContentLengths(false))
				.doOnChannelInit((observer, channel, remoteAddress) -> {
					ChannelPipeline pipeline = channel.pipeline();
					if (pipeline.get(NettyPipeline.HttpCodec) != null) {
						pipeline.addAfter(NettyPipeline.HttpCodec, ProtocolErrorHandler.NAME,
								new ProtocolErrorHandler(this.limits));
					}
				});
		}

		@Override
		public int getOrder() {
			return 1;
		}

	}

}
