package dev.turnpike.gateway.policy;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Timeout;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import dev.turnpike.test.hardening.FuzzContract;

/**
 * Fuzzes {@link PolicyDocument#parse} with arbitrary policy text, read the two ways
 * policies reach it: by Jackson (a Lambda authorizer's {@code policyDocument}) and by the
 * config loader's safe YAML parser ({@code x-amazon-apigateway-policy}, which may be a
 * JSON string). Whatever the text, parsing gives a policy or an
 * {@link IllegalArgumentException}; a parsed policy then evaluates without an exception
 * for a few requests. Seeds: {@code PolicyDocumentFuzzTestsInputs/} (policy texts, one a
 * file).
 */
class PolicyDocumentFuzzTests {

	private static final FuzzContract CONTRACT = FuzzContract.of("policy-document", IllegalArgumentException.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final UnaryOperator<String> RESOURCE_POLICY_FORM = resource -> resource.startsWith("execute-api:")
			? "arn:aws:execute-api:*:*:abc123" + resource.substring("execute-api:".length()) : resource;

	private static final RequestFacts[] REQUESTS = {
			new RequestFacts(InetAddress.getLoopbackAddress(), "curl/8.5", "https://example.com/", true),
			new RequestFacts(null, null, null, false) };

	@FuzzTest
	@Timeout(value = 10, unit = TimeUnit.SECONDS)
	void parseWhenPolicyTextIsArbitraryThenPolicyOrIllegalArgument(byte[] input) {
		String text = new String(input, StandardCharsets.UTF_8);
		Object fromJackson = jackson(text);
		if (fromJackson != null) {
			check(text, fromJackson, resource -> resource);
		}
		Object fromYaml = yaml(text);
		if (fromYaml != null) {
			check(text, fromYaml, RESOURCE_POLICY_FORM);
		}
	}

	private static void check(String text, Object document, UnaryOperator<String> expandResource) {
		PolicyDocument policy = CONTRACT.call(text, () -> PolicyDocument.parse(document, expandResource));
		if (policy != null) {
			for (RequestFacts request : REQUESTS) {
				CONTRACT.call(text, () -> policy.evaluate("execute-api:Invoke",
						"arn:aws:execute-api:us-east-1:123456789012:abc123/prod/GET/pets/1", request));
			}
		}
	}

	private static Object jackson(String text) {
		try {
			return JSON.readValue(text, Object.class);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	/** As the config loader reads YAML (YamlFiles.safeYaml). */
	private static Object yaml(String text) {
		LoaderOptions options = new LoaderOptions();
		options.setAllowDuplicateKeys(false);
		try {
			return new Yaml(new SafeConstructor(options)).load(text);
		}
		catch (YAMLException | IllegalArgumentException ex) {
			// As OpenApiReader.readPolicy does: SnakeYAML also throws
			// IllegalArgumentException (a tag "!%C").
			return null;
		}
	}

	@AfterAll
	static void writeFigures() {
		CONTRACT.write();
	}

}
