package dev.turnpike.gateway.config.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What features read from the config repo for one stage or one method, each under its own
 * {@link Key}: the loader carries it without knowing what it holds, and only the feature
 * that wrote an entry reads it back.
 */
public final class FeatureSettings {

	public static final FeatureSettings NONE = new FeatureSettings(Map.of());

	private final Map<Key<?>, Object> values;

	private FeatureSettings(Map<Key<?>, Object> values) {
		this.values = values;
	}

	/** The value stored under {@code key}, or {@code null}. */
	public <T> T get(Key<T> key) {
		return key.type().cast(this.values.get(key));
	}

	public boolean isEmpty() {
		return this.values.isEmpty();
	}

	public static Builder builder() {
		return new Builder();
	}

	@Override
	public String toString() {
		return this.values.toString();
	}

	/**
	 * A typed name for a feature's settings. Keys compare by identity: a feature declares
	 * each key once, as a constant.
	 *
	 * @param name shown in messages and {@code toString}
	 * @param type the settings class
	 */
	public record Key<T>(String name, Class<T> type) {

		@Override
		public boolean equals(Object other) {
			return this == other;
		}

		@Override
		public int hashCode() {
			return System.identityHashCode(this);
		}

		@Override
		public String toString() {
			return this.name;
		}

	}

	/** Collects the settings of one stage or method while it is read. */
	public static final class Builder {

		private final Map<Key<?>, Object> values = new LinkedHashMap<>();

		private Builder() {
		}

		public <T> Builder put(Key<T> key, T value) {
			if (value != null) {
				this.values.put(key, value);
			}
			return this;
		}

		public FeatureSettings build() {
			return this.values.isEmpty() ? NONE : new FeatureSettings(Map.copyOf(this.values));
		}

	}

}
