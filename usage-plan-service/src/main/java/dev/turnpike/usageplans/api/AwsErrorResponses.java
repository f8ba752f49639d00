package dev.turnpike.usageplans.api;

import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import dev.turnpike.usageplans.domain.ApiException;
import tools.jackson.databind.DatabindException;

/**
 * Writes every error of the management API the way Amazon API Gateway does, so AWS SDKs
 * raise the matching exception: the status, {@code x-amzn-ErrorType: <Type>}, and
 * {@code {"message": "..."}}. Unexpected failures are logged and answered as a generic
 * 500 without details.
 */
@RestControllerAdvice(basePackageClasses = AwsErrorResponses.class)
class AwsErrorResponses {

	private static final Log LOG = LogFactory.getLog(AwsErrorResponses.class);

	static final String ERROR_TYPE = "x-amzn-ErrorType";

	static ResponseEntity<Map<String, String>> error(int status, String type, String message) {
		return ResponseEntity.status(status)
			.header(ERROR_TYPE, type)
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("message", message));
	}

	@ExceptionHandler(ApiException.class)
	ResponseEntity<Map<String, String>> api(ApiException ex) {
		return error(ex.type().status(), ex.type().errorType(), ex.getMessage());
	}

	@ExceptionHandler(HttpMessageNotReadableException.class)
	ResponseEntity<Map<String, String>> unreadable(HttpMessageNotReadableException ex) {
		return error(400, "BadRequestException", "Invalid request body: " + describe(ex));
	}

	private static String describe(HttpMessageNotReadableException ex) {
		Throwable cause = ex.getMostSpecificCause();
		if (cause instanceof DatabindException databind) {
			String path = databind.getPath()
				.stream()
				.map(reference -> (reference.getPropertyName() != null) ? reference.getPropertyName()
						: "[" + reference.getIndex() + "]")
				.reduce((a, b) -> a + "." + b)
				.orElse("");
			String message = databind.getOriginalMessage();
			int newline = message.indexOf('\n');
			return (path.isEmpty() ? "" : path + ": ") + ((newline > 0) ? message.substring(0, newline) : message);
		}
		return "the body is not valid JSON";
	}

	@ExceptionHandler({ MissingServletRequestParameterException.class, MethodArgumentTypeMismatchException.class })
	ResponseEntity<Map<String, String>> badParameter(Exception ex) {
		String message = (ex instanceof MethodArgumentTypeMismatchException mismatch)
				? mismatch.getName() + ": '" + mismatch.getValue() + "' is not a valid value" : ex.getMessage();
		return error(400, "BadRequestException", message);
	}

	@ExceptionHandler(HttpMediaTypeNotSupportedException.class)
	ResponseEntity<Map<String, String>> mediaType(HttpMediaTypeNotSupportedException ex) {
		return error(400, "BadRequestException", "Unsupported Content-Type; send application/json");
	}

	@ExceptionHandler({ NoResourceFoundException.class, HttpRequestMethodNotSupportedException.class })
	ResponseEntity<Map<String, String>> noRoute(Exception ex) {
		return error(404, "NotFoundException", "No such resource or method");
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<Map<String, String>> unexpected(Exception ex) {
		LOG.error("Unexpected error in the management API", ex);
		return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
			.header(ERROR_TYPE, "InternalFailure")
			.header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE)
			.body(Map.of("message", "Internal server error"));
	}

}
