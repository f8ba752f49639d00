package dev.turnpike.bench;

import java.util.List;

/**
 * One benchmark scenario: a URL and headers to load, the process whose CPU time counts,
 * and a check of the answer so a scenario that serves errors fast is caught before it is
 * measured.
 *
 * @param name short name used in tables
 * @param description what the scenario exercises
 * @param url the URL wrk loads
 * @param headers request headers ({@code Name: value})
 * @param process the process under measurement (pinned to the measured CPU)
 * @param expectedBody a string the response body must contain
 * @param script a wrk Lua script (for example one that varies the API key), or null
 */
record Target(String name, String description, String url, List<String> headers, Child process, String expectedBody,
		String script) {

	Target(String name, String description, String url, List<String> headers, Child process, String expectedBody) {
		this(name, description, url, headers, process, expectedBody, null);
	}

}
