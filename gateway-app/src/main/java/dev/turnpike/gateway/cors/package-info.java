/**
 * CORS configuration: an HTTP API's {@code x-amazon-apigateway-cors} (and the same block
 * for REST APIs as Turnpike's {@code x-turnpike-cors}), applied as AWS applies it to HTTP
 * APIs: preflight requests answered by the gateway before routes and authorizers, the
 * configured headers on every answer of the API (errors included), the backend's own CORS
 * headers dropped.
 */
package dev.turnpike.gateway.cors;
