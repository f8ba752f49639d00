package dev.turnpike.gateway.parametermapping;

import java.util.List;
import java.util.Map;

/**
 * One route's parameter mapping.
 *
 * @param request what is done to the request before the integration, in document order
 * @param response what is done to the integration's answer, by its status code
 */
record ParameterMappings(List<Mapping> request, Map<Integer, List<Mapping>> response) {

	enum Action {

		OVERWRITE, APPEND, REMOVE

	}

	enum Target {

		HEADER, QUERYSTRING, PATH, STATUS_CODE

	}

	/** One mapping: {@code overwrite:header.x-tenant: $request.header.x-org}. */
	record Mapping(Action action, Target target, String name, MappingValue value) {
	}

	boolean readsRequestBody() {
		return this.request.stream().anyMatch(mapping -> mapping.value().reads(MappingValue.Source.REQUEST_BODY));
	}

}
