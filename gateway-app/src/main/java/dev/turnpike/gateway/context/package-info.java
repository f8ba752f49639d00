/**
 * The per-request context ({@code $context} in AWS terms): request ids, timing, the
 * matched API stage, resource and method, and the resolver for {@code $context} variable
 * names.
 */
package dev.turnpike.gateway.context;
