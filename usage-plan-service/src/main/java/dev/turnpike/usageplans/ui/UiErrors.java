package dev.turnpike.usageplans.ui;

import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.TypeMismatchException;
import org.springframework.ui.Model;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

import dev.turnpike.usageplans.domain.ApiException;

/**
 * Errors in the UI become a page a person understands: the message, never a stack trace
 * or raw JSON.
 */
@ControllerAdvice(assignableTypes = UiController.class)
class UiErrors {

	private static final Log LOG = LogFactory.getLog(UiErrors.class);

	@ExceptionHandler(ApiException.class)
	String apiError(ApiException error, Model model, HttpServletResponse response) {
		response.setStatus(error.type().status());
		model.addAttribute("message", error.getMessage());
		return "error-page";
	}

	@ExceptionHandler({ TypeMismatchException.class, ServletRequestBindingException.class })
	String badForm(Exception error, Model model, HttpServletResponse response) {
		response.setStatus(400);
		model.addAttribute("message", "The form was not filled in as expected; go back and try again.");
		return "error-page";
	}

	@ExceptionHandler(RuntimeException.class)
	String unexpected(RuntimeException error, Model model, HttpServletResponse response) {
		LOG.error("The management UI failed", error);
		response.setStatus(500);
		model.addAttribute("message", "Something went wrong on our side. The details are in the service's log.");
		return "error-page";
	}

}
