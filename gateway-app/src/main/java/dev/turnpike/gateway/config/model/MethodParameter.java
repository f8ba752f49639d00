package dev.turnpike.gateway.config.model;

/** A declared method request parameter ({@code method.request.<location>.<name>}). */
public record MethodParameter(RequestLocation location, String name, boolean required) {
}
