package dev.turnpike.bench.jmh;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import dev.turnpike.gateway.template.CompiledTemplate;
import dev.turnpike.gateway.template.InputVariable;
import dev.turnpike.gateway.template.MappingTemplateEngine;
import dev.turnpike.gateway.template.TemplateLimits;

/**
 * Rendering mapping templates (Apache Velocity with the gateway's sandbox, budgets and
 * AWS's variables): a small request mapping, and a response mapping that walks a 100-item
 * JSON array with {@code $input.path} and {@code foreach}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TemplateBenchmark {

	MappingTemplateEngine engine;

	CompiledTemplate small;

	CompiledTemplate loop;

	Map<String, Object> context;

	String smallBody;

	String listBody;

	@Setup
	public void compile() {
		this.engine = new MappingTemplateEngine(TemplateLimits.DEFAULTS);
		this.small = this.engine.compile(
				"""
						{"caller": "$context.authorizer.principalId", "resource": "$context.resourcePath",
						 "stage": "$context.stage", "name": $input.json('$.name'), "tag": "$util.escapeJavaScript($input.params('tag'))"}
						""",
				"small");
		this.loop = this.engine.compile(
				"""
						#set($items = $input.path('$.items'))
						{"count": $items.size(), "items": [
						#foreach($item in $items)
						  {"id": "$item.id", "name": "$util.escapeJavaScript($item.name)", "price": $item.price}#if($foreach.hasNext),#end
						#end
						]}
						""",
				"loop");
		this.context = new LinkedHashMap<>();
		this.context.put("resourcePath", "/pets/{petId}");
		this.context.put("stage", "prod");
		this.context.put("requestId", "c6af9ac6-7b61-11e6-9a41-93e8deadbeef");
		this.context.put("authorizer", Map.of("principalId", "alice"));
		this.smallBody = "{\"name\": \"Rex\", \"type\": \"dog\"}";
		StringBuilder list = new StringBuilder("{\"items\": [");
		for (int i = 0; i < 100; i++) {
			list.append(i == 0 ? "" : ",")
				.append("{\"id\": \"p")
				.append(i)
				.append("\", \"name\": \"Pet \\\"")
				.append(i)
				.append("\\\"\", \"price\": ")
				.append(i * 1.5)
				.append('}');
		}
		this.listBody = list.append("]}").toString();
	}

	private Map<String, Object> variables(String body) {
		Map<String, Object> variables = new LinkedHashMap<>();
		variables.put("input", new InputVariable(body, Map.of("petId", "42"), Map.of("tag", "it's \"new\""),
				Map.of("Accept", "application/json")));
		variables.put("context", this.context);
		variables.put("stageVariables", Map.of("backend", "http://backend"));
		return variables;
	}

	@Benchmark
	public String smallRequestMapping() {
		return this.engine.render(this.small, variables(this.smallBody));
	}

	@Benchmark
	public String hundredItemResponseMapping() {
		return this.engine.render(this.loop, variables(this.listBody));
	}

}
