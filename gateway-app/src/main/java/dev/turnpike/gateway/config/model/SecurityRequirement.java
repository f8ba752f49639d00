package dev.turnpike.gateway.config.model;

import java.util.List;

/**
 * One security scheme an operation requires, with the scopes it asks for (Cognito/JWT
 * scopes).
 */
public record SecurityRequirement(String scheme, List<String> scopes) {
}
