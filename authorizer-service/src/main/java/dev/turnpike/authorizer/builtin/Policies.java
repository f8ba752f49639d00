package dev.turnpike.authorizer.builtin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.events.IamPolicyResponseV1;

/**
 * Building an authorizer's answer: the IAM policy response, and the {@code Unauthorized}
 * error.
 */
public final class Policies {

	private Policies() {
	}

	/**
	 * The error a Lambda authorizer throws to make API Gateway answer 401
	 * {@code Unauthorized}: its message must be exactly {@code Unauthorized}.
	 */
	public static RuntimeException unauthorized() {
		return new RuntimeException("Unauthorized");
	}

	/** A policy with one statement of {@code effect} on {@code resources}. */
	public static IamPolicyResponseV1 policy(String principalId, String effect, List<String> resources,
			Map<String, ?> context, String usageIdentifierKey) {
		IamPolicyResponseV1.Statement statement = IamPolicyResponseV1.Statement.builder()
			.withAction(IamPolicyResponseV1.EXECUTE_API_INVOKE)
			.withEffect(effect)
			.withResource(List.copyOf(resources))
			.build();
		return IamPolicyResponseV1.builder()
			.withPrincipalId(principalId)
			.withPolicyDocument(IamPolicyResponseV1.PolicyDocument.builder()
				.withVersion(IamPolicyResponseV1.VERSION_2012_10_17)
				.withStatement(List.of(statement))
				.build())
			.withContext((context != null) ? new LinkedHashMap<String, Object>(context)
					: new LinkedHashMap<String, Object>())
			.withUsageIdentifierKey(usageIdentifierKey)
			.build();
	}

	/**
	 * The resources a decision covers: those configured, or else every method of the
	 * stage the request was for ({@code arn:aws:execute-api:region:account:api/stage/*}),
	 * so a cached decision serves the whole stage.
	 */
	public static List<String> resources(List<String> configured, String methodArn) {
		if (configured != null && !configured.isEmpty()) {
			return configured;
		}
		if (methodArn == null) {
			throw new IllegalArgumentException("the event has no methodArn");
		}
		String[] parts = methodArn.split("/", 3);
		if (parts.length < 3) {
			return List.of(methodArn);
		}
		return List.of(parts[0] + "/" + parts[1] + "/*");
	}

}
