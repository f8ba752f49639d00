package dev.turnpike.gateway.validation;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaException;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.parameters.RequestBody;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import dev.turnpike.gateway.config.ConfigNode;
import dev.turnpike.gateway.config.Problems;

/**
 * Request validation as API Gateway declares it: validators by name
 * ({@code x-amazon-apigateway-request-validators}), an API-wide default and per-operation
 * choice ({@code x-amazon-apigateway-request-validator}), and each operation's body
 * models ({@code requestBody.content.<type>.schema}, Swagger 2 body parameters), compiled
 * once as JSON Schema draft 4 with the document's schemas ({@code components.schemas} /
 * {@code definitions}) available to {@code $ref}. Schemas never load anything from
 * outside the document.
 */
final class RequestValidationReader {

	static final String VALIDATORS = "x-amazon-apigateway-request-validators";

	static final String VALIDATOR = "x-amazon-apigateway-request-validator";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** How API Gateway itself refers to an API's models. */
	private static final java.util.regex.Pattern AWS_MODEL = java.util.regex.Pattern
		.compile("https://apigateway\\.amazonaws\\.com/restapis/[^/]+/models/([^/]+)");

	/** AWS's built-in models, available to every API. */
	private static final Map<String, String> BUILT_IN = Map.of("Empty",
			"{\"title\":\"Empty Schema\",\"type\":\"object\"}", "Error",
			"{\"title\":\"Error Schema\",\"type\":\"object\",\"properties\":{\"message\":{\"type\":\"string\"}}}");

	private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4,
			builder -> builder.schemaLoader(loader -> loader.fetchRemoteResources(false)));

	static {
		// The validator reads its message bundle from the jar (file I/O) the first time
		// it words an error. Do that
		// here, on the loader's thread, rather than on an event loop during the first
		// invalid request.
		SCHEMAS
			.getSchema(SchemaLocation.of("urn:turnpike:warm-up"),
					tools.jackson.databind.json.JsonMapper.shared().readTree("{\"type\":\"string\"}"))
			.validate(tools.jackson.databind.node.IntNode.valueOf(1))
			.forEach(com.networknt.schema.Error::getMessage);
	}

	private final Map<String, boolean[]> validators = new LinkedHashMap<>();

	private final String defaultValidator;

	private final ObjectNode componentSchemas;

	private final OpenAPI openApi;

	private final String file;

	/**
	 * Reads the document-wide parts: the validators, the default, and the schemas models
	 * may refer to.
	 */
	RequestValidationReader(String file, OpenAPI openApi, Map<String, Object> extensions,
			Map<String, Object> rawSchemas, Problems problems) {
		this.file = file;
		this.openApi = openApi;
		ConfigNode validators = ConfigNode.at(file, VALIDATORS, extensions.get(VALIDATORS), problems);
		validators.entries().forEach((name, validator) -> {
			validator.rejectUnknownKeys(java.util.Set.of("validateRequestBody", "validateRequestParameters"));
			this.validators.put(name, new boolean[] { Boolean.TRUE.equals(validator.get("validateRequestBody").bool()),
					Boolean.TRUE.equals(validator.get("validateRequestParameters").bool()) });
		});
		ConfigNode defaultNode = ConfigNode.at(file, VALIDATOR, extensions.get(VALIDATOR), problems);
		this.defaultValidator = checkName(defaultNode);
		this.componentSchemas = JSON.createObjectNode();
		BUILT_IN.forEach((name, schema) -> this.componentSchemas.set(name, JSON.readTree(schema)));
		if (openApi.getComponents() != null && openApi.getComponents().getSchemas() != null) {
			openApi.getComponents()
				.getSchemas()
				.forEach((name, schema) -> this.componentSchemas.set(name,
						JSON.readTree(io.swagger.v3.core.util.Json.pretty(schema))));
		}
		// The models as the document writes them win: the parser drops what its OpenAPI
		// version lacks.
		rawSchemas.forEach((name, schema) -> {
			JsonNode written = (schema instanceof Map<?, ?>) ? json(schema, 0) : null;
			if (written != null) {
				this.componentSchemas.set(name, written);
			}
		});
	}

	/**
	 * A YAML value as JSON, or {@code null} when it nests deeper than any model does (a
	 * YAML alias that contains itself): the parser's reading is used then.
	 */
	private static JsonNode json(Object value, int depth) {
		if (depth > 64) {
			return null;
		}
		if (value instanceof Map<?, ?> map) {
			ObjectNode object = JSON.createObjectNode();
			for (Map.Entry<?, ?> entry : map.entrySet()) {
				JsonNode child = json(entry.getValue(), depth + 1);
				if (child == null) {
					return null;
				}
				object.set(String.valueOf(entry.getKey()), child);
			}
			return object;
		}
		if (value instanceof java.util.List<?> list) {
			tools.jackson.databind.node.ArrayNode array = JSON.createArrayNode();
			for (Object item : list) {
				JsonNode child = json(item, depth + 1);
				if (child == null) {
					return null;
				}
				array.add(child);
			}
			return array;
		}
		return (value instanceof java.util.Date date) ? JSON.getNodeFactory().textNode(date.toInstant().toString())
				: JSON.valueToTree(value);
	}

	private String checkName(ConfigNode node) {
		String name = node.text();
		if (name != null && !this.validators.containsKey(name)) {
			node.error("names no validator in " + VALIDATORS + " (defined: " + this.validators.keySet() + ")");
			return null;
		}
		return name;
	}

	/**
	 * What one operation's validator checks, or {@code null} when none applies.
	 * @param validatorNode the operation's own
	 * {@code x-amazon-apigateway-request-validator} (may be missing)
	 */
	RequestValidation read(String location, ConfigNode validatorNode, RequestBody requestBody) {
		String name = validatorNode.isMissing() ? this.defaultValidator : checkName(validatorNode);
		if (name == null) {
			return null;
		}
		boolean[] checks = this.validators.get(name);
		Map<String, RequestValidation.Model> models = new LinkedHashMap<>();
		RequestBody body = resolve(requestBody);
		if (checks[0] && body != null && body.getContent() != null) {
			for (Map.Entry<String, MediaType> content : body.getContent().entrySet()) {
				if (content.getValue() == null || content.getValue().getSchema() == null) {
					continue;
				}
				// a Swagger 2 body parameter without "consumes" arrives as */*: AWS keys
				// such a model by application/json
				String contentType = content.getKey().equals("*/*") ? "application/json"
						: content.getKey().toLowerCase(Locale.ROOT);
				String where = location + ".requestBody.content." + content.getKey() + ".schema";
				Schema schema = compile(where,
						JSON.readTree(io.swagger.v3.core.util.Json.pretty(content.getValue().getSchema())),
						validatorNode);
				if (schema != null) {
					String ref = content.getValue().getSchema().get$ref();
					models.put(contentType, new RequestValidation.Model(
							(ref != null) ? ref.substring(ref.lastIndexOf('/') + 1) : contentType, schema));
				}
			}
		}
		return new RequestValidation(name, checks[0], checks[1], Map.copyOf(models));
	}

	private RequestBody resolve(RequestBody body) {
		if (body == null || body.get$ref() == null || this.openApi.getComponents() == null
				|| this.openApi.getComponents().getRequestBodies() == null) {
			return body;
		}
		String ref = body.get$ref();
		return this.openApi.getComponents().getRequestBodies().get(ref.substring(ref.lastIndexOf('/') + 1));
	}

	private Schema compile(String where, JsonNode schema, ConfigNode reportAt) {
		ObjectNode document = JSON.createObjectNode();
		document.put("$schema", "http://json-schema.org/draft-04/schema#");
		document.putArray("allOf").add(rewriteRefs(schema));
		document.set("definitions", rewriteRefs(this.componentSchemas));
		try {
			Schema compiled = SCHEMAS.getSchema(SchemaLocation.of("urn:turnpike:" + this.file.replace('/', ':')),
					document);
			compiled.initializeValidators();
			return compiled;
		}
		catch (SchemaException | IllegalArgumentException ex) {
			reportAt.error(where + " is not a valid JSON Schema draft 4 model: " + ex.getMessage());
			return null;
		}
	}

	/**
	 * {@code #/components/schemas/X} and {@code #/definitions/X} both point into the
	 * compiled document's definitions.
	 */
	private static JsonNode rewriteRefs(JsonNode node) {
		if (node.isObject()) {
			ObjectNode copy = JSON.createObjectNode();
			for (Map.Entry<String, JsonNode> entry : node.properties()) {
				JsonNode value = entry.getValue();
				if (entry.getKey().equals("$ref") && value.isString()) {
					String ref = value.asString();
					java.util.regex.Matcher aws = AWS_MODEL.matcher(ref);
					copy.put("$ref",
							ref.startsWith("#/components/schemas/")
									? "#/definitions/" + ref.substring("#/components/schemas/".length())
									: aws.matches() ? "#/definitions/" + aws.group(1) : ref);
				}
				else {
					copy.set(entry.getKey(), rewriteRefs(value));
				}
			}
			return copy;
		}
		if (node.isArray()) {
			tools.jackson.databind.node.ArrayNode copy = JSON.createArrayNode();
			node.forEach(item -> copy.add(rewriteRefs(item)));
			return copy;
		}
		return node;
	}

}
