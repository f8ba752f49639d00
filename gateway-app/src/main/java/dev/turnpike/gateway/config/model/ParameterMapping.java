package dev.turnpike.gateway.config.model;

/**
 * One {@code integration.request.<location>.<name>: <source>} entry of
 * {@code requestParameters}.
 *
 * @param location {@code PATH}, {@code QUERYSTRING} or {@code HEADER}
 * @param name the integration request parameter name
 * @param source where its value comes from
 */
public record ParameterMapping(RequestLocation location, String name, ValueExpression source) {
}
