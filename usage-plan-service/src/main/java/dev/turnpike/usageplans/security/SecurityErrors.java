package dev.turnpike.usageplans.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;

import tools.jackson.core.io.JsonStringEncoder;

/** Writes authentication and authorization failures in AWS's error shape. */
final class SecurityErrors {

	private SecurityErrors() {
	}

	static void write(HttpServletResponse response, int status, String errorType, String message) throws IOException {
		response.setStatus(status);
		response.setHeader("x-amzn-ErrorType", errorType);
		response.setContentType("application/json");
		StringBuilder body = new StringBuilder("{\"message\":\"");
		JsonStringEncoder.getInstance().quoteAsString(message, body);
		response.getWriter().write(body.append("\"}").toString());
	}

}
