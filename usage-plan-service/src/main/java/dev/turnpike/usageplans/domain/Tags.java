package dev.turnpike.usageplans.domain;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * AWS's tag rules: keys up to 128 characters not starting with {@code aws:}, values up to
 * 256.
 */
final class Tags {

	private static final Pattern CHARACTERS = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");

	private Tags() {
	}

	static void check(Map<String, String> tags) {
		if (tags == null) {
			return;
		}
		for (Map.Entry<String, String> tag : tags.entrySet()) {
			String key = tag.getKey();
			String value = (tag.getValue() != null) ? tag.getValue() : "";
			if (key.isEmpty() || key.length() > 128 || key.startsWith("aws:") || !CHARACTERS.matcher(key).matches()) {
				throw ApiException.badRequest(
						"tags: '" + key + "' is not a valid tag key (1-128 characters, not starting" + " with aws:)");
			}
			if (value.length() > 256 || !CHARACTERS.matcher(value).matches()) {
				throw ApiException.badRequest("tags." + key + ": the value must be at most 256 characters");
			}
		}
	}

}
