package dev.turnpike.gateway.template;

import java.util.LinkedHashMap;

/**
 * One group of overrides ({@code $context.requestOverride.header}, ...): each name may be
 * set once per rendering, as on AWS; setting it again fails the rendering.
 */
public final class OverrideMap extends LinkedHashMap<String, Object> {

	/**
	 * An override group holding the given sub-groups ({@code responseOverride} holds
	 * {@code header}).
	 */
	public static OverrideMap withGroups(String... groups) {
		OverrideMap map = new OverrideMap();
		for (String group : groups) {
			map.putGroup(group, new OverrideMap());
		}
		return map;
	}

	private void putGroup(String name, OverrideMap group) {
		super.put(name, group);
	}

	/** The overrides set in a sub-group, as text. */
	public java.util.Map<String, String> group(String name) {
		java.util.Map<String, String> values = new LinkedHashMap<>();
		if (get(name) instanceof java.util.Map<?, ?> group) {
			group.forEach((key, value) -> {
				if (value != null) {
					values.put(String.valueOf(key), String.valueOf(value));
				}
			});
		}
		return values;
	}

	@Override
	public Object put(String key, Object value) {
		if (containsKey(key)) {
			throw new TemplateException(TemplateException.Reason.OVERRIDE_TWICE,
					"the override " + key + " is set more than once", null);
		}
		return super.put(key, value);
	}

}
