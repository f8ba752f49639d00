package dev.turnpike.authorizer.builtin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayCustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.IamPolicyResponseV1;

/**
 * Static rules for simple setups: a token (TOKEN authorizers) or header value (REQUEST
 * authorizers) maps to a principal, an effect, the resources it covers, context values
 * and optionally an API key. Values are held only as SHA-256 digests and compared in
 * constant time, every rule each time; a value no rule knows is {@code Unauthorized}
 * (401).
 */
public final class StaticRulesAuthorizer
		implements RequestHandler<APIGatewayCustomAuthorizerEvent, IamPolicyResponseV1> {

	private record CompiledRule(byte[] digest, BuiltinAuthorizersProperties.Rule rule) {
	}

	private final String header;

	private final List<CompiledRule> rules;

	public StaticRulesAuthorizer(String name, BuiltinAuthorizersProperties.StaticRules settings) {
		String where = "turnpike.authorizers.static-rules." + name;
		if (settings.rules().isEmpty()) {
			throw new IllegalStateException(where + ".rules: at least one rule is required");
		}
		this.header = settings.header();
		this.rules = new ArrayList<>();
		for (int i = 0; i < settings.rules().size(); i++) {
			BuiltinAuthorizersProperties.Rule rule = settings.rules().get(i);
			String at = where + ".rules[" + i + "]";
			if ((rule.token() == null) == (rule.tokenSha256() == null)) {
				throw new IllegalStateException(at + ": give exactly one of token and token-sha256");
			}
			if (rule.principal() == null || rule.principal().isBlank()) {
				throw new IllegalStateException(at + ".principal is required");
			}
			if (!rule.effect().equals(IamPolicyResponseV1.ALLOW) && !rule.effect().equals(IamPolicyResponseV1.DENY)) {
				throw new IllegalStateException(at + ".effect must be Allow or Deny, not " + rule.effect());
			}
			byte[] digest;
			if (rule.token() != null) {
				digest = sha256(rule.token());
			}
			else {
				try {
					digest = HexFormat.of().parseHex(rule.tokenSha256().toLowerCase(Locale.ROOT));
				}
				catch (IllegalArgumentException ex) {
					throw new IllegalStateException(at + ".token-sha256 is not hex", ex);
				}
				if (digest.length != 32) {
					throw new IllegalStateException(at + ".token-sha256 must be 64 hex digits");
				}
			}
			this.rules.add(new CompiledRule(digest, rule));
		}
	}

	@Override
	public IamPolicyResponseV1 handleRequest(APIGatewayCustomAuthorizerEvent event, Context context) {
		String value = Tokens.bearer(Tokens.identity(event, this.header));
		if (value == null) {
			throw Policies.unauthorized();
		}
		byte[] presented = sha256(value);
		BuiltinAuthorizersProperties.Rule matched = null;
		for (CompiledRule rule : this.rules) {
			if (MessageDigest.isEqual(rule.digest(), presented) && matched == null) {
				matched = rule.rule();
			}
		}
		if (matched == null) {
			throw Policies.unauthorized();
		}
		return Policies.policy(matched.principal(), matched.effect(),
				Policies.resources(matched.resources(), event.getMethodArn()), matched.context(),
				matched.usageIdentifierKey());
	}

	static byte[] sha256(String value) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
