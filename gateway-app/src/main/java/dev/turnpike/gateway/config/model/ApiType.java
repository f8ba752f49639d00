package dev.turnpike.gateway.config.model;

/**
 * Which of API Gateway's API types a document is, and so which rules serve it: routing,
 * stages, error answers and the features it may use.
 */
public enum ApiType {

	/** A REST API (API Gateway v1): resources and methods, gateway responses. */
	REST,

	/**
	 * An HTTP API (API Gateway v2): route keys, the {@code $default} route and stage,
	 * fixed error answers, CORS configuration.
	 */
	HTTP

}
