package dev.turnpike.gateway.lambda;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Lambda function named by an API Gateway integration or authorizer URI
 * ({@code arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/{functionArn}/invocations}).
 *
 * @param arn the function ARN (or name) as written
 * @param name the function name
 * @param qualifier the alias or version after the name, or {@code null}
 */
public record FunctionRef(String arn, String name, String qualifier) {

	private static final Pattern INVOCATION_URI = Pattern
		.compile("arn:aws[a-z-]*:apigateway:[^:]+:lambda:path/2015-03-31/functions/(.+)/invocations");

	private static final Pattern FUNCTION_ARN = Pattern
		.compile("arn:aws[a-z-]*:lambda:[^:]*:[^:]*:function:([A-Za-z0-9_-]+)(?::([A-Za-z0-9_$-]+))?");

	private static final Pattern NAME = Pattern.compile("([A-Za-z0-9_-]+)(?::([A-Za-z0-9_$-]+))?");

	/**
	 * The function of an invocation URI.
	 * @throws IllegalArgumentException when the URI is not a Lambda invocation URI
	 */
	public static FunctionRef fromInvocationUri(String uri) {
		Matcher matcher = INVOCATION_URI.matcher(uri.trim());
		if (!matcher.matches()) {
			throw new IllegalArgumentException("'" + uri + "' is not a Lambda invocation URI (expected "
					+ "arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/{functionArn}/invocations)");
		}
		return fromArnOrName(matcher.group(1));
	}

	static FunctionRef fromArnOrName(String value) {
		Matcher arn = FUNCTION_ARN.matcher(value);
		if (arn.matches()) {
			return new FunctionRef(value, arn.group(1), arn.group(2));
		}
		Matcher name = NAME.matcher(value);
		if (name.matches()) {
			return new FunctionRef(value, name.group(1), name.group(2));
		}
		throw new IllegalArgumentException("'" + value + "' is not a Lambda function ARN or name");
	}

	@Override
	public String toString() {
		return (this.qualifier != null) ? this.name + ":" + this.qualifier : this.name;
	}

}
