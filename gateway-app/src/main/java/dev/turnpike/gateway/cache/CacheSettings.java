package dev.turnpike.gateway.cache;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What the stage files and API documents say about caching (AWS's names). */
final class CacheSettings {

	/** AWS's default and largest TTL. */
	static final int DEFAULT_TTL_SECONDS = 300;

	static final int MAX_TTL_SECONDS = 3600;

	/** {@code cacheClusterSize} values AWS accepts, in GB. */
	static final List<String> SIZES = List.of("0.5", "1.6", "6.1", "13.5", "28.4", "58.2", "118", "237");

	private CacheSettings() {
	}

	/** What a client asking to invalidate an entry without being allowed to gets. */
	enum UnauthorizedStrategy {

		FAIL_WITH_403, SUCCEED_WITH_RESPONSE_HEADER, SUCCEED_WITHOUT_RESPONSE_HEADER;

		static UnauthorizedStrategy parse(String text) {
			return valueOf(text.trim().toUpperCase(Locale.ROOT));
		}

	}

	/**
	 * One entry of the stage file's {@code caching} map ({@code "*\/*"} or
	 * {@code /pets/GET}); {@code null} fields are not set there.
	 */
	record MethodSettings(Boolean cachingEnabled, Integer cacheTtlInSeconds, Boolean cacheDataEncrypted,
			Boolean requireAuthorizationForCacheControl, UnauthorizedStrategy unauthorizedCacheControlHeaderStrategy) {

		static final MethodSettings UNSET = new MethodSettings(null, null, null, null, null);

		/** This entry's values where set, {@code fallback}'s elsewhere. */
		MethodSettings over(MethodSettings fallback) {
			return new MethodSettings(first(this.cachingEnabled, fallback.cachingEnabled),
					first(this.cacheTtlInSeconds, fallback.cacheTtlInSeconds),
					first(this.cacheDataEncrypted, fallback.cacheDataEncrypted),
					first(this.requireAuthorizationForCacheControl, fallback.requireAuthorizationForCacheControl),
					first(this.unauthorizedCacheControlHeaderStrategy,
							fallback.unauthorizedCacheControlHeaderStrategy));
		}

		private static <T> T first(T value, T fallback) {
			return (value != null) ? value : fallback;
		}

	}

	/**
	 * A stage's cache: {@code cacheClusterEnabled}, {@code cacheClusterSize} and the
	 * {@code caching} method settings.
	 *
	 * @param enabled {@code cacheClusterEnabled}
	 * @param sizeGb {@code cacheClusterSize} (AWS's default 0.5)
	 * @param allMethods the {@code "*\/*"} entry
	 * @param methods entries by {@code <resourcePath>/<METHOD>}
	 */
	record Stage(boolean enabled, String sizeGb, MethodSettings allMethods, Map<String, MethodSettings> methods) {

		/**
		 * The settings that apply to one method. Caching is on for {@code GET} methods by
		 * default (unless {@code "*\/*"} turns it off) and for others (also {@code ANY})
		 * only where their own entry turns it on, as on AWS.
		 */
		Resolved resolve(String methodKey, String httpMethod) {
			MethodSettings own = this.methods.getOrDefault(methodKey, MethodSettings.UNSET);
			MethodSettings merged = own.over(this.allMethods);
			boolean byDefault = "GET".equals(httpMethod);
			boolean enabled = this.enabled && ((own.cachingEnabled() != null) ? own.cachingEnabled()
					: byDefault && (this.allMethods.cachingEnabled() == null || this.allMethods.cachingEnabled()));
			int ttl = (merged.cacheTtlInSeconds() != null) ? merged.cacheTtlInSeconds() : DEFAULT_TTL_SECONDS;
			return new Resolved(enabled && ttl > 0, ttl, Boolean.TRUE.equals(merged.cacheDataEncrypted()),
					!Boolean.FALSE.equals(merged.requireAuthorizationForCacheControl()),
					(merged.unauthorizedCacheControlHeaderStrategy() != null)
							? merged.unauthorizedCacheControlHeaderStrategy()
							: UnauthorizedStrategy.SUCCEED_WITH_RESPONSE_HEADER);
		}

		double sizeInGb() {
			return Double.parseDouble(this.sizeGb);
		}

	}

	/**
	 * The settings for one method of one stage.
	 *
	 * @param enabled whether responses are cached
	 * @param ttlSeconds how long
	 * @param encrypted whether entries are encrypted
	 * @param requireAuthorization whether {@code Cache-Control: max-age=0} needs
	 * authorization
	 * @param unauthorized what a client that may not invalidate gets
	 */
	record Resolved(boolean enabled, int ttlSeconds, boolean encrypted, boolean requireAuthorization,
			UnauthorizedStrategy unauthorized) {
	}

	/** Where a cache key parameter comes from. */
	enum Source {

		QUERYSTRING, HEADER, PATH

	}

	/**
	 * One of {@code cacheKeyParameters}: {@code method.request.querystring.type}, say.
	 */
	record KeyParameter(Source source, String name) {
	}

	/**
	 * A method's {@code cacheNamespace} and {@code cacheKeyParameters}.
	 *
	 * @param namespace entries of methods sharing a namespace are shared (default: the
	 * resource path)
	 * @param parameters the request parameters whose values are part of the key
	 */
	record Key(String namespace, List<KeyParameter> parameters) {
	}

}
