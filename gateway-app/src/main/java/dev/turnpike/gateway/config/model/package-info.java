/**
 * The immutable model of a loaded config repo: APIs, their methods and integrations,
 * stages and custom domains.
 */
package dev.turnpike.gateway.config.model;
