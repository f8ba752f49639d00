/**
 * The config repo: loading and validating {@code gateway.yaml},
 * {@code apis/<id>/openapi.yaml} (AWS exports with {@code x-amazon-apigateway-*}
 * extensions) and {@code apis/<id>/stages/<stage>.yaml}, watching it for changes, and the
 * {@code validate} command. Loading is plain Java so the command and the tests need no
 * Spring context.
 */
package dev.turnpike.gateway.config;
