package dev.turnpike.gateway.config.model;

/**
 * Where a method request parameter lives, as named in
 * {@code method.request.<location>.<name>}.
 */
public enum RequestLocation {

	PATH("path"), QUERYSTRING("querystring"), HEADER("header"), MULTIVALUE_QUERYSTRING("multivaluequerystring"),
	MULTIVALUE_HEADER("multivalueheader");

	private final String configName;

	RequestLocation(String configName) {
		this.configName = configName;
	}

	public String configName() {
		return this.configName;
	}

	public static RequestLocation fromConfigName(String name) {
		for (RequestLocation location : values()) {
			if (location.configName.equals(name)) {
				return location;
			}
		}
		return null;
	}

	/**
	 * The single-value location this multi-value one reads ({@code multivalueheader} →
	 * {@code header}).
	 */
	public RequestLocation singleValued() {
		return switch (this) {
			case MULTIVALUE_HEADER -> HEADER;
			case MULTIVALUE_QUERYSTRING -> QUERYSTRING;
			default -> this;
		};
	}

}
