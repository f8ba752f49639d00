package dev.turnpike.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.turnpike.usageplans.core.ApiKeyHasher;
import dev.turnpike.usageplans.core.ApiKeyRecord;
import dev.turnpike.usageplans.core.ApiStage;
import dev.turnpike.usageplans.core.QuotaPeriod;
import dev.turnpike.usageplans.core.QuotaSettings;
import dev.turnpike.usageplans.core.RecordCodec;
import dev.turnpike.usageplans.core.RedisKeys;
import dev.turnpike.usageplans.core.ThrottleSettings;
import dev.turnpike.usageplans.core.UsagePlanRecord;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;

/**
 * The benchmark's config repo and the API keys and plans it stores in Redis, as the
 * usage-plan service would.
 */
final class Fixtures {

	static final String API = "bench";

	static final String STAGE = "b";

	static final String HOST = API + ".execute-api.localhost";

	/**
	 * The HTTP API (API Gateway v2) twin of the http_proxy scenario, on its $default
	 * stage.
	 */
	static final String HTTP_API = "benchhttp";

	static final String HTTP_API_HOST = HTTP_API + ".execute-api.localhost";

	private Fixtures() {
	}

	/**
	 * Writes a config repo with the benchmark API: one method per scenario, all
	 * {@code http_proxy} to the upstream except {@code /full} and {@code /full-lambda},
	 * which map the request and response with templates. With {@code extraRoutes > 0} the
	 * API also has that many other resources (for the routing-scale run).
	 */
	static Path writeConfigRepo(Path dir, String upstreamUrl, String issuer, int extraRoutes) throws IOException {
		Path api = dir.resolve("apis").resolve(API);
		Files.createDirectories(api.resolve("stages"));
		Files.writeString(dir.resolve("gateway.yaml"), "domains: {}\n");
		Files.writeString(api.resolve("stages").resolve(STAGE + ".yaml"),
				"variables:\n  upstream: " + upstreamUrl + "\n"
				// the stage cache answers /cached only; every other scenario is measured
				// uncached
						+ "cacheClusterEnabled: true\ncacheClusterSize: 0.5\ncaching:\n"
						+ "  \"*/*\": {cachingEnabled: false}\n  /cached/GET: {cachingEnabled: true, cacheTtlInSeconds: 3600}\n");
		StringBuilder paths = new StringBuilder();
		paths.append(proxyMethod("/proxy", null));
		paths.append(proxyMethod("/keyed", "[{api_key: []}]"));
		paths.append(proxyMethod("/cached", null));
		paths.append(proxyMethod("/jwt", "[{idp: []}]"));
		paths.append(proxyMethod("/lambda", "[{tokenAuth: []}]"));
		paths.append(mappedMethod("/full", "[{idp: [], api_key: []}]", "context.authorizer.claims.sub"));
		paths.append(mappedMethod("/full-lambda", "[{tokenAuth: [], api_key: []}]", "context.authorizer.principalId"));
		for (int i = 0; i < extraRoutes; i++) {
			// Realistic shapes: collections with ids and nested resources, so matching
			// walks a real tree.
			paths.append(proxyMethod("/svc" + (i % 50) + "/items" + i + "/{id}", null));
		}
		Files.writeString(api.resolve("openapi.yaml"),
				"""
						openapi: 3.0.1
						info:
						  title: Turnpike benchmark
						  version: "1"
						paths:
						%s
						components:
						  securitySchemes:
						    api_key:
						      type: apiKey
						      name: x-api-key
						      in: header
						    idp:
						      type: oauth2
						      x-amazon-apigateway-authorizer:
						        type: jwt
						        jwtConfiguration:
						          issuer: %s
						          audience: [bench]
						    tokenAuth:
						      type: apiKey
						      name: Authorization
						      in: header
						      x-amazon-apigateway-authtype: custom
						      x-amazon-apigateway-authorizer:
						        type: token
						        authorizerUri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:bench-auth/invocations
						        authorizerResultTtlInSeconds: 300
						"""
					.formatted(paths.toString().indent(2).stripTrailing(), issuer));
		Path httpApi = dir.resolve("apis").resolve(HTTP_API);
		Files.createDirectories(httpApi.resolve("stages"));
		Files.writeString(httpApi.resolve("stages").resolve("$default.yaml"),
				"variables:\n  upstream: " + upstreamUrl + "\n");
		Files.writeString(httpApi.resolve("openapi.yaml"), """
				openapi: "3.0.1"
				info: {title: Turnpike benchmark HTTP API, version: "1"}
				x-amazon-apigateway-importexport-version: "1.0"
				paths:
				  /proxy:
				    get:
				      x-amazon-apigateway-integration:
				        type: http_proxy
				        httpMethod: GET
				        uri: ${stageVariables.upstream}/proxy
				        payloadFormatVersion: "1.0"
				""");
		return dir;
	}

	private static String proxyMethod(String path, String security) {
		String params = path.contains("{id}")
				? "    parameters:\n      - {name: id, in: path, required: true, schema: {type: string}}\n" : "";
		return path + ":\n  get:\n" + params + ((security != null) ? "    security: " + security + "\n" : "")
				+ "    x-amazon-apigateway-integration:\n      type: http_proxy\n      httpMethod: GET\n"
				+ "      uri: ${stageVariables.upstream}/proxy\n";
	}

	private static String mappedMethod(String path, String security, String who) {
		return path + ":\n  get:\n    security: " + security + "\n"
				+ """
						    x-amazon-apigateway-integration:
						      type: http
						      httpMethod: GET
						      uri: ${stageVariables.upstream}/proxy
						      passthroughBehavior: when_no_templates
						      requestParameters:
						        integration.request.header.X-Caller: %1$s
						      requestTemplates:
						        application/json: '{"caller": "$%1$s", "resource": "$context.resourcePath", "stage": "$context.stage"}'
						      responses:
						        default:
						          statusCode: "200"
						          responseTemplates:
						            application/json: '{"ok": $input.json(''$.ok''), "caller": "$%1$s", "requestId": "$context.requestId"}'
						"""
					.formatted(who);
	}

	/**
	 * The plan every benchmark key is in: limits far above what one core can serve, so
	 * nothing is rejected.
	 */
	static UsagePlanRecord unlimitedPlan() {
		return new UsagePlanRecord("benchplan", "Benchmark", "high limits; the checks still run on every request",
				List.of(new ApiStage(API, STAGE, Map.of())), new ThrottleSettings(1_000_000.0, 1_000_000),
				new QuotaSettings(2_000_000_000, 0, QuotaPeriod.DAY), null, Map.of(), Instant.now());
	}

	/** A plan for the accuracy run. */
	static UsagePlanRecord plan(String id, ThrottleSettings throttle, QuotaSettings quota) {
		return new UsagePlanRecord(id, id, "accuracy run", List.of(new ApiStage(API, STAGE, Map.of())), throttle, quota,
				null, Map.of(), Instant.now());
	}

	/** Stores keys and plans in Redis in the usage-plan service's format, pipelined. */
	static final class Store implements AutoCloseable {

		private final RedisClient client;

		private final StatefulRedisConnection<String, String> connection;

		private final ApiKeyHasher hasher;

		Store(String redisUrl, String hashSecret) {
			this.client = RedisClient.create(redisUrl);
			this.connection = this.client.connect();
			this.hasher = ApiKeyHasher.fromSecret(hashSecret);
		}

		void putPlan(UsagePlanRecord plan) {
			this.connection.sync().set(RedisKeys.usagePlan(plan.id()), RecordCodec.write(plan));
			this.connection.sync().zadd(RedisKeys.usagePlanIndex(), plan.createdDate().toEpochMilli(), plan.id());
		}

		/**
		 * Stores keys {@code bench-key-<from>..<to-1>} (value = id) in {@code planId}, 10
		 * 000 commands at a time.
		 */
		void putKeys(String planId, int from, int to) {
			RedisAsyncCommands<String, String> async = this.connection.async();
			this.connection.setAutoFlushCommands(false);
			try {
				List<RedisFuture<?>> batch = new ArrayList<>();
				Instant now = Instant.now();
				for (int i = from; i < to; i++) {
					String value = keyValue(i);
					String id = "k" + i;
					String hash = this.hasher.hash(value);
					ApiKeyRecord key = new ApiKeyRecord(id, "bench key " + i, null, true, null, now, now,
							ApiKeyHasher.prefix(value), hash, null, null, null, List.of(), Map.of());
					batch.add(async.set(RedisKeys.apiKeyByHash(hash), id));
					batch.add(async.set(RedisKeys.apiKey(id), RecordCodec.write(key)));
					batch.add(async.sadd(RedisKeys.apiKeyPlans(id), planId));
					batch.add(async.sadd(RedisKeys.usagePlanKeys(planId), id));
					batch.add(async.zadd(RedisKeys.apiKeyIndex(), now.toEpochMilli(), id));
					if (batch.size() >= 10_000) {
						flush(batch);
					}
				}
				flush(batch);
			}
			finally {
				this.connection.setAutoFlushCommands(true);
			}
		}

		private void flush(List<RedisFuture<?>> batch) {
			this.connection.flushCommands();
			if (!LettuceFutures.awaitAll(60, TimeUnit.SECONDS, batch.toArray(new RedisFuture[0]))) {
				throw new IllegalStateException("Redis did not take the keys within 60 s");
			}
			batch.clear();
		}

		long dbSize() {
			return this.connection.sync().dbsize();
		}

		/** Requests counted against {@code planId}'s quota for key {@code i} today. */
		long quotaUsed(int i, String planId, QuotaPeriod period) {
			String start = period.windowAt(Instant.now()).start().toString();
			String count = this.connection.sync().get(RedisKeys.quotaCounter("k" + i, planId, start));
			return (count == null) ? 0 : Long.parseLong(count);
		}

		@Override
		public void close() {
			this.connection.close();
			this.client.shutdown();
		}

	}

	static String keyValue(int i) {
		return "bench-key-%07d-abcdefghijklmnopqrstuvwxyz".formatted(i);
	}

}
