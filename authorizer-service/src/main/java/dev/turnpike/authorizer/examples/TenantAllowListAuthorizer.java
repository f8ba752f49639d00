package dev.turnpike.authorizer.examples;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayCustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.IamPolicyResponseV1;

/**
 * An example REQUEST authorizer written only against AWS's Lambda libraries, so the same
 * class runs in authorizer-service and on AWS Lambda unchanged (handler
 * {@code dev.turnpike.authorizer.examples.TenantAllowListAuthorizer::handleRequest}). It
 * admits requests whose {@code X-Tenant} header names a tenant in the
 * {@code ALLOWED_TENANTS} environment variable (comma-separated): every method of the
 * stage, with the tenant in the context. Another tenant is denied (403); no header is
 * {@code Unauthorized} (401).
 */
public class TenantAllowListAuthorizer implements RequestHandler<APIGatewayCustomAuthorizerEvent, IamPolicyResponseV1> {

	private final Set<String> allowed;

	/** As Lambda constructs it: the allowed tenants come from the environment. */
	public TenantAllowListAuthorizer() {
		this(System.getenv("ALLOWED_TENANTS"));
	}

	public TenantAllowListAuthorizer(String allowedTenants) {
		this.allowed = (allowedTenants == null) ? Set.of()
				: Arrays.stream(allowedTenants.split(","))
					.map(String::trim)
					.filter(t -> !t.isEmpty())
					.collect(Collectors.toUnmodifiableSet());
	}

	@Override
	public IamPolicyResponseV1 handleRequest(APIGatewayCustomAuthorizerEvent event, Context context) {
		String tenant = header(event.getHeaders(), "X-Tenant");
		if (tenant == null || tenant.isBlank()) {
			throw new RuntimeException("Unauthorized");
		}
		String effect = this.allowed.contains(tenant) ? IamPolicyResponseV1.ALLOW : IamPolicyResponseV1.DENY;
		context.getLogger().log("tenant " + tenant + ": " + effect);
		return IamPolicyResponseV1.builder()
			.withPrincipalId("tenant:" + tenant)
			.withPolicyDocument(IamPolicyResponseV1.PolicyDocument.builder()
				.withVersion(IamPolicyResponseV1.VERSION_2012_10_17)
				.withStatement(List.of(IamPolicyResponseV1.Statement.builder()
					.withAction(IamPolicyResponseV1.EXECUTE_API_INVOKE)
					.withEffect(effect)
					.withResource(List.of(stageWide(event.getMethodArn())))
					.build()))
				.build())
			.withContext(Map.of("tenant", tenant))
			.build();
	}

	/**
	 * {@code arn:aws:execute-api:region:account:api/stage/GET/path} →
	 * {@code .../api/stage/*}.
	 */
	private static String stageWide(String methodArn) {
		String[] parts = methodArn.split("/", 3);
		return (parts.length < 3) ? methodArn : parts[0] + "/" + parts[1] + "/*";
	}

	private static String header(Map<String, String> headers, String name) {
		if (headers == null) {
			return null;
		}
		return headers.entrySet()
			.stream()
			.filter(h -> name.equalsIgnoreCase(h.getKey()))
			.map(Map.Entry::getValue)
			.findFirst()
			.orElse(null);
	}

}
