package dev.turnpike.gateway.template;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import com.jayway.jsonpath.spi.json.JsonSmartJsonProvider;
import com.jayway.jsonpath.spi.mapper.JsonSmartMappingProvider;
import net.minidev.json.JSONValue;
import net.minidev.json.parser.JSONParser;

/**
 * JSON in templates with Jayway JsonPath over json-smart, which gives the values API
 * Gateway's VTL renders: objects print as {@code {k=v}} (ordered maps), arrays as compact
 * JSON. A missing path is null, never an error.
 */
final class Json {

	private static final Configuration CONFIGURATION = Configuration.builder()
		// strict parsing (a bare word is not JSON); ordered objects, as AWS renders them
		.jsonProvider(new JsonSmartJsonProvider(JSONParser.MODE_RFC4627, JSONValue.defaultReader.DEFAULT_ORDERED))
		.mappingProvider(new JsonSmartMappingProvider())
		.options(Option.SUPPRESS_EXCEPTIONS)
		.build();

	/**
	 * Compiled paths. JsonPath's own path cache takes a lock on every read (a wait on an
	 * event loop under load, found by BlockHound); Caffeine's reads take none. Paths come
	 * from templates, so the set is small.
	 */
	private static final Cache<String, JsonPath> PATHS = Caffeine.newBuilder().maximumSize(10_000).build();

	/** Marks a body that is not JSON. */
	static final Object NOT_JSON = new Object();

	private Json() {
	}

	/** The parsed document, or {@link #NOT_JSON}. */
	static Object parseDocument(String text) {
		try {
			return CONFIGURATION.jsonProvider().parse(text);
		}
		catch (RuntimeException ex) {
			return NOT_JSON;
		}
	}

	static Object parse(String text) {
		Object document = parseDocument(text);
		return (document == NOT_JSON) ? null : document;
	}

	/**
	 * The value at {@code path}, or null when the document is not JSON, the path is
	 * invalid or finds nothing.
	 */
	static Object read(Object document, String path) {
		if (document == NOT_JSON || path == null) {
			return null;
		}
		try {
			return PATHS.get(path, JsonPath::compile).read(document, CONFIGURATION);
		}
		catch (InvalidPathException ex) {
			return null;
		}
	}

	/** A value as JSON text ({@code "abc"} for a string). */
	static String write(Object value) {
		return JSONValue.toJSONString(value);
	}

}
