package dev.turnpike.authorizer.invoke;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.turnpike.sigv4.SigV4Verifier;

/**
 * The Lambda Invoke API ({@code POST /2015-03-31/functions/{FunctionName}/invocations}),
 * as AWS serves it: the function named by name, partial ARN or ARN (with an optional
 * {@code $LATEST} qualifier), invocation types {@code RequestResponse}, {@code Event}
 * (202) and {@code DryRun} (204), the function's error reported with
 * {@code X-Amz-Function-Error: Unhandled}, and the service's errors as the AWS SDKs
 * expect them ({@code x-amzn-ErrorType}, {@code {"Type": "User", "message": ...}}). Like
 * Lambda, it runs nothing for a caller that has not signed the request with AWS Signature
 * Version 4: those get 403 with the error type AWS answers with
 * ({@code MissingAuthenticationTokenException}, {@code UnrecognizedClientException},
 * {@code InvalidSignatureException}, {@code IncompleteSignatureException}) before the
 * function name is even looked at.
 */
@RestController
public class InvokeController {

	/** Lambda's limit on a synchronous invocation's payload. */
	static final int MAX_PAYLOAD_BYTES = 6 * 1024 * 1024;

	private static final Pattern ARN = Pattern
		.compile("(?:arn:aws[a-z-]*:lambda:[a-z0-9-]+:)?(?:\\d{12}:function:)?([A-Za-z0-9_-]+)(?::([A-Za-z0-9$_-]+))?");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Log LOG = LogFactory.getLog(InvokeController.class);

	private final FunctionRegistry functions;

	private final FunctionInvoker invoker;

	private final FunctionsProperties properties;

	private final SignedInvocations signatures;

	InvokeController(FunctionRegistry functions, FunctionInvoker invoker, FunctionsProperties properties,
			SignedInvocations signatures) {
		this.functions = functions;
		this.invoker = invoker;
		this.properties = properties;
		this.signatures = signatures;
	}

	@PostMapping("/2015-03-31/functions/{functionName}/invocations")
	public ResponseEntity<byte[]> invoke(@PathVariable String functionName,
			@RequestParam(name = "Qualifier", required = false) String qualifierParam,
			@RequestHeader(name = "X-Amz-Invocation-Type", defaultValue = "RequestResponse") String invocationType,
			HttpServletRequest request) throws IOException {
		String requestId = UUID.randomUUID().toString();
		byte[] payload = read(request);
		if (payload == null) {
			return error(HttpStatus.PAYLOAD_TOO_LARGE, "RequestTooLargeException", requestId,
					"Request must be smaller than " + MAX_PAYLOAD_BYTES + " bytes for the InvokeFunction operation");
		}
		try {
			this.signatures.verify(request, payload);
		}
		catch (SigV4Verifier.VerificationException ex) {
			LOG.info("Refused an invocation that was not signed by the invoke key pair: " + ex.errorType());
			return refused(ex, requestId);
		}
		Matcher name = ARN.matcher(functionName);
		if (!name.matches()) {
			return error(HttpStatus.BAD_REQUEST, "ValidationException", requestId,
					"1 validation error detected: Value '" + functionName
							+ "' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern");
		}
		String qualifier = (qualifierParam != null) ? qualifierParam : name.group(2);
		LambdaFunction function = this.functions.find(name.group(1));
		if (function == null || (qualifier != null && !qualifier.equals("$LATEST"))) {
			return error(HttpStatus.NOT_FOUND, "ResourceNotFoundException", requestId, "Function not found: "
					+ this.properties.arnOf(name.group(1)) + ((qualifier != null) ? ":" + qualifier : ""));
		}
		if (payload.length == 0) {
			payload = "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
		}
		try {
			JSON.readTree(payload);
		}
		catch (JacksonException ex) {
			return error(HttpStatus.BAD_REQUEST, "InvalidRequestContentException", requestId,
					"Could not parse request body into json: " + ex.getOriginalMessage());
		}
		try {
			switch (invocationType) {
				case "DryRun":
					return ResponseEntity.noContent().headers(common(requestId)).build();
				case "Event":
					this.invoker.invokeAsync(function, payload, requestId);
					return ResponseEntity.accepted().headers(common(requestId)).build();
				case "RequestResponse":
					break;
				default:
					return error(HttpStatus.BAD_REQUEST, "InvalidParameterValueException", requestId,
							"Unsupported invocation type " + invocationType);
			}
			FunctionInvoker.Outcome outcome = this.invoker.invoke(function, payload, requestId);
			HttpHeaders headers = common(requestId);
			headers.set("X-Amz-Executed-Version", "$LATEST");
			if (outcome.functionError()) {
				headers.set("X-Amz-Function-Error", "Unhandled");
			}
			return ResponseEntity.ok().headers(headers).contentType(MediaType.APPLICATION_JSON).body(outcome.payload());
		}
		catch (FunctionInvoker.ThrottledException ex) {
			return error(HttpStatus.TOO_MANY_REQUESTS, "TooManyRequestsException", requestId, "Rate Exceeded.",
					Map.of("Reason", "ReservedFunctionConcurrentInvocationLimitExceeded"));
		}
	}

	/** The body, or {@code null} when it is larger than Lambda accepts. */
	private static byte[] read(HttpServletRequest request) throws IOException {
		if (request.getContentLengthLong() > MAX_PAYLOAD_BYTES) {
			return null;
		}
		try (InputStream in = request.getInputStream()) {
			byte[] body = in.readNBytes(MAX_PAYLOAD_BYTES + 1);
			return (body.length > MAX_PAYLOAD_BYTES) ? null : body;
		}
	}

	/**
	 * AWS's answer to an unauthenticated call: 403, the error type, and only a message
	 * (no {@code Type}).
	 */
	private static ResponseEntity<byte[]> refused(SigV4Verifier.VerificationException ex, String requestId) {
		HttpHeaders headers = common(requestId);
		headers.set("x-amzn-ErrorType", ex.errorType());
		return ResponseEntity.status(HttpStatus.FORBIDDEN)
			.headers(headers)
			.contentType(MediaType.APPLICATION_JSON)
			.body(JSON.writeValueAsBytes(Map.of("message", ex.getMessage())));
	}

	private static HttpHeaders common(String requestId) {
		HttpHeaders headers = new HttpHeaders();
		headers.set("x-amzn-RequestId", requestId);
		return headers;
	}

	private static ResponseEntity<byte[]> error(HttpStatus status, String type, String requestId, String message) {
		return error(status, type, requestId, message, Map.of());
	}

	private static ResponseEntity<byte[]> error(HttpStatus status, String type, String requestId, String message,
			Map<String, String> extra) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("Type", "User");
		body.put("message", message);
		body.putAll(extra);
		HttpHeaders headers = common(requestId);
		headers.set("x-amzn-ErrorType", type);
		return ResponseEntity.status(status)
			.headers(headers)
			.contentType(MediaType.APPLICATION_JSON)
			.body(JSON.writeValueAsBytes(body));
	}

}
