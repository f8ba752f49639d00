package dev.turnpike.gateway.integration;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import dev.turnpike.gateway.error.GatewayException;
import dev.turnpike.gateway.error.GatewayResponseType;

/**
 * What a Lambda proxy function's output becomes, checked as API Gateway checks it.
 * Payload 1.0: an object with only {@code statusCode} (a number or numeric string; 200
 * when absent), {@code headers} (scalar values), {@code multiValueHeaders} (arrays;
 * merged with {@code headers}, multi-value first), {@code body} (a string) and
 * {@code isBase64Encoded}; anything else is "Malformed Lambda proxy response": 502
 * {@code Internal server error}. Payload 2.0 adds {@code cookies}, and output without
 * {@code statusCode} is a 200 JSON response of that output.
 */
final class LambdaProxyResponses {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Set<String> V1_KEYS = Set.of("statusCode", "headers", "multiValueHeaders", "body",
			"isBase64Encoded");

	private static final Set<String> V2_KEYS = Set.of("statusCode", "headers", "multiValueHeaders", "body",
			"isBase64Encoded", "cookies");

	/** The method response. */
	record ProxyResponse(int status, HttpHeaders headers, byte[] body) {
	}

	/** The function's output did not have the required shape. */
	static final class MalformedException extends RuntimeException {

		MalformedException(String message) {
			super(message, null, false, false);
		}

	}

	private LambdaProxyResponses() {
	}

	/**
	 * @param binaryResponse whether the request's Accept names a binary media type (a
	 * base64 body is then decoded)
	 * @throws MalformedException when the output is not a valid proxy response
	 */
	static ProxyResponse parse(byte[] payload, boolean v2, boolean binaryResponse) {
		JsonNode root;
		try {
			root = JSON.readTree(payload);
		}
		catch (JacksonException ex) {
			throw new MalformedException("the function's output is not JSON");
		}
		if (root == null || root.isMissingNode()) {
			throw new MalformedException("the function returned nothing");
		}
		if (v2 && (!root.isObject() || !root.has("statusCode"))) {
			return inferred(root);
		}
		if (!root.isObject()) {
			throw new MalformedException("the function's output is not a JSON object");
		}
		for (String key : root.propertyNames()) {
			if (!(v2 ? V2_KEYS : V1_KEYS).contains(key)) {
				throw new MalformedException("unknown key '" + key + "'");
			}
		}
		int status = status(root.get("statusCode"));
		HttpHeaders headers = new HttpHeaders();
		JsonNode multi = root.get("multiValueHeaders");
		if (multi != null && !multi.isNull()) {
			if (!multi.isObject()) {
				throw new MalformedException("multiValueHeaders must be an object");
			}
			for (Map.Entry<String, JsonNode> entry : multi.properties()) {
				if (!entry.getValue().isArray()) {
					throw new MalformedException("multiValueHeaders." + entry.getKey() + " must be an array");
				}
				for (JsonNode value : entry.getValue()) {
					headers.add(entry.getKey(), scalar(value, "multiValueHeaders." + entry.getKey()));
				}
			}
		}
		JsonNode single = root.get("headers");
		if (single != null && !single.isNull()) {
			if (!single.isObject()) {
				throw new MalformedException("headers must be an object");
			}
			for (Map.Entry<String, JsonNode> entry : single.properties()) {
				headers.add(entry.getKey(), scalar(entry.getValue(), "headers." + entry.getKey()));
			}
		}
		JsonNode cookies = root.get("cookies");
		if (cookies != null && !cookies.isNull()) {
			if (!cookies.isArray()) {
				throw new MalformedException("cookies must be an array");
			}
			for (JsonNode cookie : cookies) {
				headers.add(HttpHeaders.SET_COOKIE, scalar(cookie, "cookies"));
			}
		}
		JsonNode body = root.get("body");
		if (body != null && !body.isNull() && !body.isString()) {
			throw new MalformedException("body must be a string");
		}
		JsonNode base64 = root.get("isBase64Encoded");
		if (base64 != null && !base64.isNull() && !base64.isBoolean()) {
			throw new MalformedException("isBase64Encoded must be a boolean");
		}
		String text = (body != null && !body.isNull()) ? body.asString() : "";
		byte[] bytes;
		if (base64 != null && base64.asBoolean() && binaryResponse) {
			try {
				bytes = Base64.getDecoder().decode(text.trim());
			}
			catch (IllegalArgumentException ex) {
				// AWS: a body flagged base64 that does not decode is a 500
				throw GatewayException.withStatus(GatewayResponseType.API_CONFIGURATION_ERROR, 500, ex);
			}
		}
		else {
			bytes = text.getBytes(StandardCharsets.UTF_8);
		}
		// API Gateway answers repeated values on one line, comma-separated (cookies stay
		// separate)
		for (String name : List.copyOf(headers.headerNames())) {
			List<String> values = headers.get(name);
			if (values != null && values.size() > 1 && !name.equalsIgnoreCase(HttpHeaders.SET_COOKIE)) {
				headers.set(name, String.join(", ", values));
			}
		}
		if (!headers.containsHeader(HttpHeaders.CONTENT_TYPE)) {
			headers.set(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE);
		}
		for (String hopByHop : List.of(HttpHeaders.CONTENT_LENGTH, HttpHeaders.TRANSFER_ENCODING,
				HttpHeaders.CONNECTION)) {
			headers.remove(hopByHop);
		}
		return new ProxyResponse(status, headers, bytes);
	}

	/**
	 * Payload 2.0 output without a statusCode: a 200 JSON response whose body is the
	 * output.
	 */
	private static ProxyResponse inferred(JsonNode output) {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE);
		String body = output.isString() ? output.asString() : JSON.writeValueAsString(output);
		return new ProxyResponse(200, headers, body.getBytes(StandardCharsets.UTF_8));
	}

	private static int status(JsonNode node) {
		if (node == null || node.isNull()) {
			return 200;
		}
		int status;
		if (node.isIntegralNumber()) {
			status = node.asInt();
		}
		else if (node.isString()) {
			try {
				status = Integer.parseInt(node.asString().trim());
			}
			catch (NumberFormatException ex) {
				throw new MalformedException("statusCode '" + node.asString() + "' is not a number");
			}
		}
		else {
			throw new MalformedException("statusCode must be a number");
		}
		if (status < 100 || status > 599) {
			throw new MalformedException("statusCode " + status + " is not an HTTP status");
		}
		return status;
	}

	private static String scalar(JsonNode value, String where) {
		if (value.isString()) {
			return value.asString();
		}
		if (value.isNumber() || value.isBoolean()) {
			return value.asString();
		}
		if (value.isNull()) {
			return "";
		}
		throw new MalformedException(where + " must be a string, number or boolean");
	}

}
