package dev.turnpike.gateway.validation;

import java.util.List;
import java.util.Map;

import dev.turnpike.gateway.config.ApiDeclaration;
import dev.turnpike.gateway.config.AwsExtensions;
import dev.turnpike.gateway.config.FeatureConfig;
import dev.turnpike.gateway.config.MethodDeclaration;
import dev.turnpike.gateway.config.model.ApiType;
import dev.turnpike.gateway.config.model.FeatureSettings;

/**
 * Request validation's part of an API document: the validators and the default at the
 * root, each method's validator and body models. REST APIs only; an HTTP API asking for
 * it is refused, as AWS has no request validation for HTTP APIs.
 */
public final class RequestValidationConfig implements FeatureConfig {

	static final FeatureSettings.Key<RequestValidation> METHOD = new FeatureSettings.Key<>("request-validation",
			RequestValidation.class);

	private static final FeatureSettings.Key<RequestValidationReader> READER = new FeatureSettings.Key<>(
			"request-validation-reader", RequestValidationReader.class);

	private static final String HTTP_API_REFUSAL = "HTTP APIs do not validate requests";

	@Override
	public List<AwsExtensions.Extension> extensions() {
		return List.of(
				new AwsExtensions.Extension(RequestValidationReader.VALIDATORS, AwsExtensions.Where.ROOT,
						AwsExtensions.Handling.READ, "request validators"),
				new AwsExtensions.Extension(RequestValidationReader.VALIDATOR, AwsExtensions.Where.ROOT,
						AwsExtensions.Handling.READ, "default validator"),
				new AwsExtensions.Extension(RequestValidationReader.VALIDATOR, AwsExtensions.Where.OPERATION,
						AwsExtensions.Handling.READ, "the validator"));
	}

	@Override
	public void readApi(ApiDeclaration api, FeatureSettings.Builder settings) {
		if (api.type() == ApiType.HTTP) {
			for (String name : List.of(RequestValidationReader.VALIDATORS, RequestValidationReader.VALIDATOR)) {
				if (api.extensions().containsKey(name)) {
					api.problems()
						.error(api.file(), name,
								"is a REST API feature; this document is an HTTP API (" + HTTP_API_REFUSAL + ")");
				}
			}
			return;
		}
		reader(api);
	}

	/** The document's reader: its validators and models, read once per document. */
	private static RequestValidationReader reader(ApiDeclaration api) {
		return api.state(READER, () -> new RequestValidationReader(api.file(), api.openApi(), api.extensions(),
				rawSchemas(api.rawDocument()), api.problems()));
	}

	@Override
	public void readMethod(MethodDeclaration method, FeatureSettings.Builder settings) {
		if (method.apiType() == ApiType.HTTP) {
			if (!method.extension(RequestValidationReader.VALIDATOR).isMissing()) {
				method.problems()
					.error(method.file(), method.location() + "." + RequestValidationReader.VALIDATOR,
							"request validation is a REST API feature; " + HTTP_API_REFUSAL);
			}
			return;
		}
		RequestValidation validation = reader(method.api()).read(method.location(),
				method.extension(RequestValidationReader.VALIDATOR), method.requestBody());
		if (validation != null) {
			settings.put(METHOD, validation);
		}
	}

	/**
	 * The models as the document writes them: {@code definitions} or
	 * {@code components.schemas}.
	 */
	@SuppressWarnings("unchecked")
	private static Map<String, Object> rawSchemas(Map<String, Object> document) {
		Object definitions = document.get("definitions");
		if (definitions instanceof Map<?, ?> map) {
			return (Map<String, Object>) map;
		}
		Object components = document.get("components");
		Object schemas = (components instanceof Map<?, ?> c) ? c.get("schemas") : null;
		return (schemas instanceof Map<?, ?> map) ? (Map<String, Object>) map : Map.of();
	}

}
