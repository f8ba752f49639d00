package dev.turnpike.usageplans.core;

/**
 * Where a stage's API cache lives in Redis, shared by every gateway replica and the
 * control plane (which flushes it). Everything of one stage carries the stage's hash tag,
 * so each script touches one Redis Cluster slot:
 *
 * <pre>
 * turnpike:cache:{api/stage}:e:&lt;entry&gt;   an entry (expires with its TTL)
 * turnpike:cache:{api/stage}:lru           sorted set: entry → last use (ms), oldest evicted first
 * turnpike:cache:{api/stage}:sizes         hash: entry → bytes
 * turnpike:cache:{api/stage}:bytes         the stage's total bytes
 * turnpike:cache:{api/stage}:seq           a counter ordering uses (clocks may stand still or step back)
 * </pre>
 *
 * The scripts keep the four consistent: a put replaces an entry and evicts the least
 * recently used ones until the stage fits its memory bound; a get refreshes the entry's
 * place; a flush removes them all.
 */
public final class ResponseCacheStore {

	/**
	 * KEYS: entry, lru, sizes, bytes, seq. ARGV: entry id, value, TTL ms, the stage's
	 * bound in bytes, the value's size. Returns how many entries were evicted.
	 */
	public static final String PUT = """
			local old = redis.call('HGET', KEYS[3], ARGV[1])
			if old then redis.call('DECRBY', KEYS[4], old) end
			redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
			redis.call('ZADD', KEYS[2], redis.call('INCR', KEYS[5]), ARGV[1])
			redis.call('HSET', KEYS[3], ARGV[1], ARGV[5])
			local total = redis.call('INCRBY', KEYS[4], ARGV[5])
			local prefix = string.sub(KEYS[1], 1, #KEYS[1] - #ARGV[1])
			local evicted = 0
			while total > tonumber(ARGV[4]) do
			  local oldest = redis.call('ZPOPMIN', KEYS[2])
			  if #oldest == 0 then break end
			  local size = redis.call('HGET', KEYS[3], oldest[1])
			  redis.call('HDEL', KEYS[3], oldest[1])
			  redis.call('DEL', prefix .. oldest[1])
			  if size then total = redis.call('DECRBY', KEYS[4], size) end
			  evicted = evicted + 1
			end
			return evicted
			""";

	/** KEYS: entry, lru, seq. ARGV: entry id. Returns the value, or nil. */
	public static final String GET = """
			local value = redis.call('GET', KEYS[1])
			if value then redis.call('ZADD', KEYS[2], 'XX', redis.call('INCR', KEYS[3]), ARGV[1]) end
			return value
			""";

	/**
	 * KEYS: lru, sizes, bytes (and, optionally, seq). ARGV: the entry key prefix. Returns
	 * how many entries were removed.
	 */
	public static final String FLUSH = """
			local entries = redis.call('ZRANGE', KEYS[1], 0, -1)
			for i = 1, #entries, 500 do
			  local batch = {}
			  for j = i, math.min(i + 499, #entries) do batch[#batch + 1] = ARGV[1] .. entries[j] end
			  redis.call('DEL', unpack(batch))
			end
			redis.call('DEL', unpack(KEYS))
			return #entries
			""";

	private ResponseCacheStore() {
	}

	private static String stage(String apiId, String stage) {
		return RedisKeys.PREFIX + "cache:{" + apiId + "/" + stage + "}:";
	}

	/** The prefix of a stage's entries; an entry's key is this followed by its id. */
	public static String entryPrefix(String apiId, String stage) {
		return stage(apiId, stage) + "e:";
	}

	public static String lru(String apiId, String stage) {
		return stage(apiId, stage) + "lru";
	}

	public static String sizes(String apiId, String stage) {
		return stage(apiId, stage) + "sizes";
	}

	public static String bytes(String apiId, String stage) {
		return stage(apiId, stage) + "bytes";
	}

	public static String seq(String apiId, String stage) {
		return stage(apiId, stage) + "seq";
	}

}
