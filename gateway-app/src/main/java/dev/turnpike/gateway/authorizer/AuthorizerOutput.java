package dev.turnpike.gateway.authorizer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.turnpike.gateway.policy.PolicyDocument;

/**
 * What a Lambda authorizer returned, checked as API Gateway checks it:
 * {@code principalId} and {@code policyDocument} are required; {@code context} values
 * must be strings, numbers or booleans (they become strings); {@code usageIdentifierKey}
 * is the API key for usage plans. Anything else is a malformed response.
 */
record AuthorizerOutput(String principalId, PolicyDocument policy, Map<String, String> context,
		String usageIdentifierKey) {

	/** API Gateway's limit on an authorizer's response. */
	static final int MAX_BYTES = 8 * 1024;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** The response is not a valid authorizer response. */
	static final class MalformedException extends RuntimeException {

		MalformedException(String message) {
			super(message, null, false, false);
		}

	}

	/**
	 * An HTTP API simple response: {@code isAuthorized} (a boolean, required) and an
	 * optional {@code context}, whose values may be any JSON (objects and arrays become
	 * their JSON text). Allowed or denied for every route, as AWS caches it.
	 */
	static AuthorizerOutput parseSimple(byte[] payload) {
		JsonNode root = object(payload);
		JsonNode authorized = root.get("isAuthorized");
		if (authorized == null || !authorized.isBoolean()) {
			throw new MalformedException("isAuthorized is missing or not a boolean");
		}
		Map<String, String> context = new LinkedHashMap<>();
		JsonNode contextNode = root.get("context");
		if (contextNode != null && !contextNode.isNull()) {
			if (!contextNode.isObject()) {
				throw new MalformedException("context must be an object");
			}
			for (Map.Entry<String, JsonNode> entry : contextNode.properties()) {
				JsonNode value = entry.getValue();
				context.put(entry.getKey(), value.isValueNode() ? value.asString() : value.toString());
			}
		}
		PolicyDocument policy = PolicyDocument.parse(
				Map.of("Version", "2012-10-17", "Statement", List.of(Map.of("Effect",
						authorized.asBoolean() ? "Allow" : "Deny", "Action", "execute-api:Invoke", "Resource", "*"))),
				resource -> resource);
		return new AuthorizerOutput(null, policy, Map.copyOf(context), null);
	}

	private static JsonNode object(byte[] payload) {
		if (payload.length > MAX_BYTES) {
			throw new MalformedException("the response is larger than " + MAX_BYTES + " bytes");
		}
		JsonNode root;
		try {
			root = JSON.readTree(payload);
		}
		catch (JacksonException ex) {
			throw new MalformedException("the response is not JSON");
		}
		if (root == null || !root.isObject()) {
			throw new MalformedException("the response is not a JSON object");
		}
		return root;
	}

	static AuthorizerOutput parse(byte[] payload) {
		JsonNode root = object(payload);
		JsonNode principal = root.get("principalId");
		if (principal == null || !(principal.isString() || principal.isNumber())) {
			throw new MalformedException("principalId is missing");
		}
		JsonNode policyNode = root.get("policyDocument");
		if (policyNode == null || !policyNode.isObject()) {
			throw new MalformedException("policyDocument is missing");
		}
		PolicyDocument policy;
		try {
			policy = PolicyDocument.parse(JSON.convertValue(policyNode, Map.class), resource -> resource);
		}
		catch (IllegalArgumentException ex) {
			throw new MalformedException("policyDocument: " + ex.getMessage());
		}
		Map<String, String> context = new LinkedHashMap<>();
		JsonNode contextNode = root.get("context");
		if (contextNode != null && !contextNode.isNull()) {
			if (!contextNode.isObject()) {
				throw new MalformedException("context must be an object");
			}
			for (Map.Entry<String, JsonNode> entry : contextNode.properties()) {
				JsonNode value = entry.getValue();
				if (!(value.isString() || value.isNumber() || value.isBoolean())) {
					throw new MalformedException("context." + entry.getKey() + " must be a string, number or boolean");
				}
				context.put(entry.getKey(), value.asString());
			}
		}
		JsonNode usage = root.get("usageIdentifierKey");
		return new AuthorizerOutput(principal.asString(), policy, Map.copyOf(context),
				(usage != null && usage.isString()) ? usage.asString() : null);
	}

}
