package dev.turnpike.gateway.usageplan;

import java.util.List;

import dev.turnpike.usageplans.core.ApiKeyRecord;

/**
 * What the gateway knows about a key value (by its hash): the key and the plans it is in.
 * An unknown value has a {@code null} key, cached too so that a flood of made-up keys
 * does not become a flood of Redis lookups.
 */
record KeyGrant(ApiKeyRecord key, List<String> planIds) {

	static final KeyGrant UNKNOWN = new KeyGrant(null, List.of());

	boolean isKnown() {
		return this.key != null;
	}

}
