package dev.turnpike.gateway.template;

import java.util.LinkedHashMap;

/**
 * One group of overrides ({@code $context.requestOverride.header}, ...): each name may be set once per rendering,
 * as on AWS; setting it again fails the rendering.
 */
public final class OverrideMap extends LinkedHashMap<String, Object> {

	@Override
	public Object put(String key, Object value) {
		if (containsKey(key)) {
			throw new TemplateException(TemplateException.Reason.OVERRIDE_TWICE,
					"the override " + key + " is set more than once", null);
		}
		return super.put(key, value);
	}

}
