package dev.turnpike.gateway.policy;

import java.net.InetAddress;

/**
 * What policy conditions can ask about a request.
 *
 * @param sourceIp the client address ({@code aws:SourceIp}), after trusted-proxy
 * resolution
 * @param userAgent {@code aws:UserAgent}
 * @param referer {@code aws:Referer}
 * @param secureTransport {@code aws:SecureTransport}
 */
public record RequestFacts(InetAddress sourceIp, String userAgent, String referer, boolean secureTransport) {
}
