package dev.turnpike.gateway.hardening;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.util.UriUtils;

import dev.turnpike.gateway.hardening.HostileTraffic.Attempt;

/**
 * Template source as request data: VTL directives, references to {@code $context},
 * {@code $util}, {@code $stageVariables} and {@code $input}, other engines' syntax, and
 * text that would close the template's JSON. Rendered by {@code $input.params()} or
 * {@code $input.json()}, each must come out exactly as it went in.
 */
final class TemplateProbes {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	static final List<String> PROBES = List.of("#set($x = 7 * 6)$x", "${context.requestId}",
			"$context.identity.sourceIp", "$stageVariables.keyed", "$input.params()", "$input.json('$')",
			"$util.urlDecode(\"%41%42\")", "$util.base64Decode(\"YQ==\")", "#foreach($i in [1..100000])x#end",
			"#if(true)evaluated#end", "#evaluate(\"#set($y = 1)$y\")", "#parse(\"/etc/passwd\")",
			"#include(\"/etc/passwd\")", "#macro(m)x#end#m()", "$class.forName(\"java.lang.Runtime\").getRuntime()",
			"${input.body}", "$!{context.stage}", "#{set}($z = 1)$z", "#* comment *#kept", "## line comment", "{{7*7}}",
			"${7*7}", "<%= 7*7 %>", "#set($context.responseOverride.status = 500)",
			"#set($context.requestOverride.header.X-Evil = \"1\")", "\\#set($a = 1)$a", "%{#context}",
			"\"}, \"statusCode\": 500, \"x\": {\"");

	private TemplateProbes() {
	}

	/**
	 * A GET to the mock route with {@code q} in the query, {@code header} in
	 * {@code X-Probe} and {@code id} as the path parameter; its response template prints
	 * them, and must print them verbatim.
	 */
	static Attempt rendered(Fortress fortress, String q, String header, String id) {
		HttpRequest request = fortress
			.request("/prod/templated/" + UriUtils.encodePathSegment(id, StandardCharsets.UTF_8) + "?q="
					+ URLEncoder.encode(q, StandardCharsets.UTF_8))
			.header("X-Probe", header)
			.build();
		return new Attempt(request, BodyAttacks.rendered("q=" + q + "|h=" + header + "|id=" + id + "|end"));
	}

	/** {@code {"probe": <probe>}}. */
	static String body(String probe) {
		return "{\"probe\":" + JSON.writeValueAsString(probe) + "}";
	}

	/**
	 * The probe as the render route's template wrote it for the backend ({@code {"probe":
	 * ..., "all": ...}}).
	 */
	static String probeIn(String rendered) {
		return JSON.readTree(rendered).get("probe").asString();
	}

}
