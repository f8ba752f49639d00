package dev.turnpike.gateway.policy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The policy evaluator without Spring: IAM's evaluation order, wildcards, conditions, and
 * — above all — that a policy it cannot evaluate in full is refused at parse time rather
 * than partly ignored (an ignored {@code Principal}, {@code NotAction} or condition would
 * widen what the policy allows).
 */
class PolicyDocumentTests {

	private static final UnaryOperator<String> SHORT_FORM = resource -> resource.startsWith("execute-api:")
			? "arn:aws:execute-api:*:*:api1" + resource.substring("execute-api:".length()) : resource;

	private static final String ARN = "arn:aws:execute-api:us-east-1:123456789012:api1/prod/GET/pets";

	private static final RequestFacts FROM_LAN = facts("10.1.2.3");

	private static RequestFacts facts(String ip) {
		try {
			return new RequestFacts(InetAddress.getByName(ip), "curl/8", null, false);
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static PolicyDocument parse(String yaml) {
		return PolicyDocument.parse(new Yaml().load(yaml), SHORT_FORM);
	}

	private static String allowEveryone(String extra) {
		return """
				Version: "2012-10-17"
				Statement:
				  - Effect: Allow
				    Action: execute-api:Invoke
				    Resource: execute-api:/*
				""" + extra;
	}

	@Test
	void evaluateWhenAllowAndDenyBothCoverThenExplicitDenyWins() {
		PolicyDocument policy = parse("""
				Statement:
				  - {Effect: Allow, Principal: "*", Action: "execute-api:*", Resource: "execute-api:/*"}
				  - {Effect: Deny, Principal: "*", Action: execute-api:Invoke, Resource: "execute-api:/prod/GET/*",
				     Condition: {IpAddress: {"aws:SourceIp": "10.0.0.0/8"}}}
				""");

		assertThat(policy.evaluate("execute-api:Invoke", ARN, FROM_LAN))
			.isEqualTo(PolicyDocument.Decision.EXPLICIT_DENY);
		assertThat(policy.evaluate("execute-api:Invoke", ARN, facts("192.0.2.1")))
			.isEqualTo(PolicyDocument.Decision.ALLOW);
	}

	@Test
	void evaluateWhenNoStatementCoversThenImplicitDeny() {
		PolicyDocument policy = parse("""
				Statement: {Effect: Allow, Action: execute-api:Invoke, Resource: "execute-api:/dev/*"}
				""");

		assertThat(policy.evaluate("execute-api:Invoke", ARN, FROM_LAN))
			.isEqualTo(PolicyDocument.Decision.IMPLICIT_DENY);
		assertThat(policy.evaluate("execute-api:Invoke", ARN.replace("/prod/", "/dev/"), FROM_LAN))
			.isEqualTo(PolicyDocument.Decision.ALLOW);
	}

	@Test
	void evaluateWhenResourceUsesQuestionMarkThenItMatchesExactlyOneCharacter() {
		PolicyDocument policy = parse("""
				Statement: {Effect: Allow, Action: execute-api:Invoke, Resource: "execute-api:/pro?/GET/pets"}
				""");

		assertThat(policy.evaluate("execute-api:Invoke", ARN, FROM_LAN)).isEqualTo(PolicyDocument.Decision.ALLOW);
		assertThat(policy.evaluate("execute-api:Invoke", ARN.replace("/prod/", "/produ/"), FROM_LAN))
			.isEqualTo(PolicyDocument.Decision.IMPLICIT_DENY);
	}

	@ParameterizedTest
	@ValueSource(strings = { "Principal: \"*\"", "Principal: {AWS: \"*\"}", "Principal: {AWS: [\"*\"]}" })
	void parseWhenPrincipalIsEveryoneThenAccepted(String principal) {
		PolicyDocument policy = parse(allowEveryone("    " + principal + "\n"));

		assertThat(policy.evaluate("execute-api:Invoke", ARN, FROM_LAN)).isEqualTo(PolicyDocument.Decision.ALLOW);
	}

	@ParameterizedTest
	@ValueSource(strings = { "Principal: {AWS: \"arn:aws:iam::111122223333:user/alice\"}",
			"Principal: {AWS: [\"*\", \"arn:aws:iam::111122223333:root\"]}",
			"Principal: {Service: lambda.amazonaws.com}", "Principal: {Federated: cognito-identity.amazonaws.com}",
			"Principal: \"111122223333\"" })
	void parseWhenPrincipalNamesSomeoneThenRefusedNotReadAsEveryone(String principal) {
		assertThatIllegalArgumentException().isThrownBy(() -> parse(allowEveryone("    " + principal + "\n")))
			.withMessageStartingWith("Statement[0].Principal names ")
			.withMessageContaining("only \"*\" (everyone) is supported");
	}

	@ParameterizedTest
	@ValueSource(strings = { "NotPrincipal", "NotAction", "NotResource", "Conditions", "Principals" })
	void parseWhenStatementHasKeyTheEvaluatorDoesNotImplementThenRefused(String key) {
		assertThatIllegalArgumentException().isThrownBy(() -> parse(allowEveryone("    " + key + ": \"x\"\n")))
			.withMessage("Statement[0]." + key + " is not supported (supported: Sid, Effect, Principal, Action,"
					+ " Resource, Condition); Turnpike refuses a policy it cannot evaluate in full");
	}

	@Test
	void parseWhenRootHasUnknownKeyOrVersionThenRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> parse(allowEveryone("Statment: []\n")))
			.withMessageStartingWith("Statment is not supported");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> parse(allowEveryone("").replace("2012-10-17", "2020-01-01")))
			.withMessage("Version must be 2012-10-17 or 2008-10-17, not 2020-01-01");
	}

	@ParameterizedTest
	@ValueSource(strings = { "{IpAddressIfExists: {\"aws:SourceIp\": 10.0.0.0/8}}",
			"{\"ForAnyValue:StringEquals\": {\"aws:UserAgent\": x}}",
			"{DateGreaterThan: {\"aws:CurrentTime\": \"2020-01-01\"}}", "{StringEquals: {\"aws:SourceVpc\": vpc-1}}",
			"{StringEquals: {\"aws:PrincipalArn\": x}}", "{IpAddress: {\"aws:UserAgent\": 10.0.0.0/8}}" })
	void parseWhenConditionOperatorOrKeyIsNotImplementedThenRefused(String condition) {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> parse(allowEveryone("    Condition: " + condition + "\n")))
			.withMessageStartingWith("Statement[0].Condition.");
	}

	@Test
	void parseWhenStatementIsMalformedThenTheMessageNamesIt() {
		assertThat(List.of("Statement: 3", "Statement: [3]", "Statement: {Effect: Maybe, Action: x, Resource: x}",
				"Statement: {Effect: Allow, Resource: x}", "Statement: {Effect: Allow, Action: [], Resource: x}"))
			.allSatisfy(yaml -> assertThatIllegalArgumentException().isThrownBy(() -> parse(yaml)));
		assertThatIllegalArgumentException().isThrownBy(() -> PolicyDocument.parse(List.of(), SHORT_FORM));
		assertThatIllegalArgumentException().isThrownBy(() -> PolicyDocument.parse(Map.of(), SHORT_FORM))
			.withMessage("a policy needs a Statement (an object or a list of them)");
	}

	@Test
	void parseWhenEffectIsARecursiveYamlAliasThenRefusedWithAShortMessage() {
		// Found by fuzzing: printing the value whole never ended (StackOverflowError).
		assertThatIllegalArgumentException()
			.isThrownBy(() -> parse("Statement:\n  - {Effect: &f [Allow, [*f]], Action: \"*\", Resource: \"*\"}\n"))
			.withMessage("Statement[0].Effect must be Allow or Deny, not a list of 2");
	}

}
