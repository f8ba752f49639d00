package dev.turnpike.gateway.cache;

import java.io.PrintStream;
import java.time.Duration;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;

import dev.turnpike.usageplans.core.ResponseCacheStore;

/**
 * {@code java -jar gateway-app.jar flush-cache <api-id> <stage> [--redis-url=redis://host:6379]}:
 * empties a stage's cache in the Redis every replica shares (AWS's FlushStageCache). The
 * Redis URL defaults to {@code SPRING_DATA_REDIS_URL}, as the gateway's does. Exit status
 * 0 when flushed, 1 when Redis fails, 2 on a usage error. The control plane's
 * {@code DELETE /restapis/{id}/stages/{stage}/cache/data} does the same for
 * {@code aws apigateway flush-stage-cache}.
 */
public final class FlushCacheCommand {

	private static final String USAGE = "usage: flush-cache <api-id> <stage> [--redis-url=redis://host:6379]";

	private FlushCacheCommand() {
	}

	public static int run(String[] args, PrintStream out, PrintStream err) {
		String redisUrl = System.getenv().getOrDefault("SPRING_DATA_REDIS_URL", "redis://localhost:6379");
		String api = null;
		String stage = null;
		for (String arg : args) {
			if (arg.startsWith("--redis-url=")) {
				redisUrl = arg.substring("--redis-url=".length());
			}
			else if (arg.startsWith("-")) {
				err.println(USAGE + ": unknown option " + arg);
				return 2;
			}
			else if (api == null) {
				api = arg;
			}
			else if (stage == null) {
				stage = arg;
			}
			else {
				err.println(USAGE);
				return 2;
			}
		}
		if (api == null || stage == null) {
			err.println(USAGE);
			return 2;
		}
		RedisURI uri;
		try {
			uri = RedisURI.create(redisUrl);
		}
		catch (IllegalArgumentException ex) {
			err.println(USAGE + ": '" + redisUrl + "' is not a Redis URL");
			return 2;
		}
		uri.setTimeout(Duration.ofSeconds(10));
		RedisClient client = RedisClient.create(uri);
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			Long removed = connection.sync()
				.eval(ResponseCacheStore.FLUSH, ScriptOutputType.INTEGER,
						new String[] { ResponseCacheStore.lru(api, stage), ResponseCacheStore.sizes(api, stage),
								ResponseCacheStore.bytes(api, stage), ResponseCacheStore.seq(api, stage) },
						ResponseCacheStore.entryPrefix(api, stage));
			out.println("flushed the cache of " + api + "/" + stage + ": " + removed + " entries removed");
			return 0;
		}
		catch (RedisException ex) {
			err.println("cannot flush the cache of " + api + "/" + stage + ": " + ex.getMessage());
			return 1;
		}
		finally {
			client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
		}
	}

}
