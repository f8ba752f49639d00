package dev.turnpike.gateway.template;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.apache.commons.text.StringEscapeUtils;

/** {@code $util} in mapping templates, as API Gateway defines it. */
public final class UtilVariable {

	static final UtilVariable INSTANCE = new UtilVariable();

	private UtilVariable() {
	}

	/**
	 * JavaScript string escaping ({@code "}, {@code \}, {@code '}, {@code /}, control and
	 * non-ASCII characters).
	 */
	public String escapeJavaScript(Object text) {
		return (text == null) ? "" : StringEscapeUtils.escapeEcmaScript(text.toString());
	}

	/**
	 * A JSON text as an object ({@code $util.parseJson($input.json('$.x'))}); null when
	 * it is not JSON.
	 */
	public Object parseJson(Object text) {
		return (text == null) ? null : Json.parse(text.toString());
	}

	/** {@code application/x-www-form-urlencoded} encoding: a space becomes {@code +}. */
	public String urlEncode(Object text) {
		return (text == null) ? "" : URLEncoder.encode(text.toString(), StandardCharsets.UTF_8);
	}

	public String urlDecode(Object text) {
		if (text == null) {
			return "";
		}
		try {
			return URLDecoder.decode(text.toString(), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return text.toString();
		}
	}

	public String base64Encode(Object text) {
		return (text == null) ? ""
				: Base64.getEncoder().encodeToString(text.toString().getBytes(StandardCharsets.UTF_8));
	}

	public String base64Decode(Object text) {
		if (text == null) {
			return "";
		}
		try {
			return new String(Base64.getDecoder().decode(text.toString().trim()), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			throw new TemplateException(TemplateException.Reason.RENDERING, "$util.base64Decode: not base64", ex);
		}
	}

}
