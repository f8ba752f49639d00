package dev.turnpike.gateway.hardening;

import java.util.List;

/**
 * Request targets that try to reach a guarded route, or a backend path outside an open
 * route, by the way the path is written: dot segments plain and encoded, encoded slashes
 * and backslashes, NUL and control characters, overlong UTF-8, doubled slashes, case and
 * matrix-parameter variants. Sent byte for byte with {@link RawHttp}.
 */
final class PathTricks {

	/** Aimed at guarded routes (or at no route): each must be refused, never served. */
	static final List<String> GUARDED = List.of("/prod/keyed/..", "/prod/keyed/.", "/prod/./keyed",
			"/prod/../prod/keyed", "/prod//keyed", "//prod/keyed", "/prod/keyed/", "/prod/%6beyed", "/prod/KEYED",
			"/PROD/keyed", "/prod/keyed%00", "/prod/keyed%2f", "/prod/keyed%2F..", "/prod/keyed\\", "/prod\\keyed",
			"/prod/keyed;x=1", "/prod/keyed%20", "/prod/keyed%09", "/prod/%2e/keyed", "/prod/%2e%2e/prod/keyed",
			"/prod/%c0%ae%c0%ae/prod/keyed", "/prod/%c0%afkeyed", "/prod/internal/", "/prod/internal/.",
			"/prod/%69nternal", "/prod/internal%2f", "/prod/internal%00", "/prod/partner/", "/prod/partner;",
			"/prod/partner/.", "/prod/lambda-token/..;/keyed", "/prod/lambda-token/%2e%2e/internal",
			"/prod/keyed?x=../../internal", "/prod/keyed%23", "/prod/%252e%252e/keyed",
			"http://" + FortressApi.HOST + "/prod/keyed/..", "/prod/keyed/%2e%2e/%2e%2e/prod/internal");

	/**
	 * Aimed out of {@code /public/{proxy+}} (open by design) towards paths its backend
	 * must never see.
	 */
	static final List<String> ESCAPING = List.of("/prod/public/../keyed", "/prod/public/../../prod/keyed",
			"/prod/public/%2e%2e/keyed", "/prod/public/%2E%2E/keyed", "/prod/public/.%2e/keyed",
			"/prod/public/%2e./keyed", "/prod/public/..%2fkeyed", "/prod/public/..%2Fkeyed",
			"/prod/public/%2e%2e%2fkeyed", "/prod/public/%2e%2e%2f%2e%2e%2fkeyed", "/prod/public/x/../../keyed",
			"/prod/public/x/%2e%2e/%2e%2e/keyed", "/prod/public/..%5ckeyed", "/prod/public/..\\keyed",
			"/prod/public/%00/../keyed", "/prod/public/x%00", "/prod/public/x%00.json",
			"/prod/public/x%0d%0aX-Injected:%20yes", "/prod/public/x%0aX-Injected:%20yes", "/prod/public/x%09y",
			"/prod/public/x%7fy", "/prod/public//..//keyed", "/prod/public/.", "/prod/public/..", "/prod/public/%2e",
			"/prod/public/%2e%2e", "/prod/public/%c0%ae%c0%ae/keyed", "/prod/public/%c0%ae%c0%ae%c0%afkeyed");

	private PathTricks() {
	}

}
