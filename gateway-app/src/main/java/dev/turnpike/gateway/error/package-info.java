/**
 * The error vocabulary: every error a client can see is a
 * {@link dev.turnpike.gateway.error.GatewayResponseType} raised as a
 * {@link dev.turnpike.gateway.error.GatewayException}.
 */
package dev.turnpike.gateway.error;
