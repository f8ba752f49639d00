package dev.turnpike.gateway.integration;

import java.util.List;
import java.util.Locale;

/**
 * {@code x-amazon-apigateway-binary-media-types} matching: exact types, {@code type/*}
 * and {@code *}{@code /*}.
 */
final class BinaryMediaTypes {

	private BinaryMediaTypes() {
	}

	/**
	 * Whether a Content-Type (or the first type of an Accept header) is binary for this
	 * API.
	 */
	static boolean matches(List<String> binaryTypes, String header) {
		if (binaryTypes.isEmpty() || header == null || header.isBlank()) {
			return false;
		}
		int comma = header.indexOf(',');
		String type = TemplateSelection.mimeType((comma >= 0) ? header.substring(0, comma) : header);
		for (String binary : binaryTypes) {
			String candidate = binary.toLowerCase(Locale.ROOT).trim();
			if (candidate.equals("*/*") || candidate.equals(type)
					|| (candidate.endsWith("/*") && type.startsWith(candidate.substring(0, candidate.length() - 1)))) {
				return true;
			}
		}
		return false;
	}

}
