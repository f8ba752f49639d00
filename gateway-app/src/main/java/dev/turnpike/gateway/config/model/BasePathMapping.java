package dev.turnpike.gateway.config.model;

/**
 * A custom domain's base path mapped to an API stage ({@code gateway.yaml}).
 *
 * @param domain the host name, lower case
 * @param basePath the base path without slashes at either end; empty for the root
 * ({@code (none)})
 * @param apiId the API id
 * @param stage the stage name
 */
public record BasePathMapping(String domain, String basePath, String apiId, String stage) {
}
