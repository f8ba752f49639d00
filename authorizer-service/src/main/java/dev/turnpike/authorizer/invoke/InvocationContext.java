package dev.turnpike.authorizer.invoke;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The {@link Context} a hosted function sees: its name and ARN, the request id, the time
 * left before its timeout, and a logger writing to the service's log under
 * {@code function.<name>}.
 */
final class InvocationContext implements Context {

	private final String requestId;

	private final String functionName;

	private final String functionArn;

	private final Instant deadline;

	private final Clock clock;

	private final LambdaLogger logger;

	InvocationContext(String requestId, String functionName, String functionArn, Instant deadline, Clock clock) {
		this.requestId = requestId;
		this.functionName = functionName;
		this.functionArn = functionArn;
		this.deadline = deadline;
		this.clock = clock;
		Log log = LogFactory.getLog("function." + functionName);
		this.logger = new LambdaLogger() {

			@Override
			public void log(String message) {
				log.info("[" + requestId + "] " + message);
			}

			@Override
			public void log(byte[] message) {
				log(new String(message, StandardCharsets.UTF_8));
			}

		};
	}

	@Override
	public String getAwsRequestId() {
		return this.requestId;
	}

	@Override
	public String getLogGroupName() {
		return "/turnpike/authorizer-service/" + this.functionName;
	}

	@Override
	public String getLogStreamName() {
		return "authorizer-service";
	}

	@Override
	public String getFunctionName() {
		return this.functionName;
	}

	@Override
	public String getFunctionVersion() {
		return "$LATEST";
	}

	@Override
	public String getInvokedFunctionArn() {
		return this.functionArn;
	}

	@Override
	public CognitoIdentity getIdentity() {
		return null;
	}

	@Override
	public ClientContext getClientContext() {
		return null;
	}

	@Override
	public int getRemainingTimeInMillis() {
		return (int) Math.max(0, this.deadline.toEpochMilli() - this.clock.millis());
	}

	@Override
	public int getMemoryLimitInMB() {
		return (int) (Runtime.getRuntime().maxMemory() / (1024 * 1024));
	}

	@Override
	public LambdaLogger getLogger() {
		return this.logger;
	}

}
