/**
 * Gateway responses: the one writer of every client-visible error, AWS-style, with
 * per-API customisation from {@code x-amazon-apigateway-gateway-responses}.
 */
package dev.turnpike.gateway.responses;
