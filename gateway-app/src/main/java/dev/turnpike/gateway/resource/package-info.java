/**
 * Resource and method matching with Amazon API Gateway's REST precedence rules,
 * independent of Spring.
 */
package dev.turnpike.gateway.resource;
