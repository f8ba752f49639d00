package dev.turnpike.samples.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import com.amazonaws.serverless.exceptions.ContainerInitializationException;
import com.amazonaws.serverless.proxy.model.AwsProxyRequest;
import com.amazonaws.serverless.proxy.model.AwsProxyResponse;
import com.amazonaws.serverless.proxy.spring.SpringBootLambdaContainerHandler;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

/**
 * The Lambda entry point exactly as AWS's aws-serverless-java-container documents it: API
 * Gateway proxy events in, proxy responses out, the Spring Boot app started once per
 * container. Turnpike's {@code aws_proxy} integration invokes it unchanged.
 */
public class StreamLambdaHandler implements RequestStreamHandler {

	private static final SpringBootLambdaContainerHandler<AwsProxyRequest, AwsProxyResponse> HANDLER;

	static {
		try {
			HANDLER = SpringBootLambdaContainerHandler.getAwsProxyHandler(PetsApplication.class);
		}
		catch (ContainerInitializationException ex) {
			throw new IllegalStateException("Could not initialize the Spring Boot application", ex);
		}
	}

	@Override
	public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
		HANDLER.proxyStream(input, output, context);
	}

}
