/**
 * Requests that are not valid HTTP, or break the request limits, before any API is known:
 * Netty's decoder limits, a channel handler that turns decoding failures and limit
 * breaches into a marked request, and the web filter that answers that request as a
 * gateway response ({@code 431}, {@code 414} or {@code 400}) and closes the connection.
 */
package dev.turnpike.gateway.protocol;
