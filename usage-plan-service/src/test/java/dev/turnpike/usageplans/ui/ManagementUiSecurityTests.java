package dev.turnpike.usageplans.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.turnpike.test.redis.RedisExtension;
import dev.turnpike.usageplans.support.RunningUsagePlanService;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The management UI's protections, over plain HTTP: sign-in required, CSRF tokens on
 * every change, roles, the session cookie's flags, the Content-Security-Policy, pages
 * instead of stack traces, and one-time key values that are never cached.
 */
class ManagementUiSecurityTests {

	static RunningUsagePlanService service;

	@BeforeAll
	static void start() {
		service = RunningUsagePlanService.start(RedisExtension.shared(), "turnpike.ui.users[0].username=ada",
				"turnpike.ui.users[0].password={noop}ada-password", "turnpike.ui.users[0].role=admin",
				"turnpike.ui.users[1].username=vic", "turnpike.ui.users[1].password={noop}vic-password",
				"turnpike.ui.users[1].role=viewer");
	}

	@AfterAll
	static void stop() {
		service.close();
	}

	@Test
	void pagesNeedSignInAndSendTheBrowserToTheSignInPage() {
		Browser anonymous = new Browser();
		HttpResponse<String> keys = anonymous.get("/ui/keys");
		assertThat(keys.statusCode()).isEqualTo(302);
		assertThat(keys.headers().firstValue("Location"))
			.hasValueSatisfying(location -> assertThat(location).endsWith("/login"));
		assertThat(anonymous.get("/ui/plans/new").statusCode()).isEqualTo(302);
		assertThat(anonymous.post("/ui/plans", Map.of("name", "sneaky"), true).statusCode()).isIn(302, 403);
		assertThat(service.sdk().getUsagePlans(request -> {
		}).items()).noneMatch(plan -> plan.name().equals("sneaky"));
	}

	@Test
	void pagesForbidInlineScriptsAndFraming() {
		HttpResponse<String> login = new Browser().get("/login");
		assertThat(login.statusCode()).isEqualTo(200);
		String policy = login.headers().firstValue("Content-Security-Policy").orElseThrow();
		assertThat(policy).contains("script-src 'self'", "frame-ancestors 'none'")
			.doesNotContain("unsafe-inline", "unsafe-eval");
		assertThat(login.body()).doesNotContainPattern("<script>|<script [^>]*>[^<]+</script>| on[a-z]+=\"");
	}

	@Test
	void signingInNeedsTheRightPasswordAndACsrfToken() {
		Browser browser = new Browser();
		browser.get("/login");
		HttpResponse<String> withoutToken = browser.post("/login",
				Map.of("username", "ada", "password", "ada-password"), false);
		assertThat(withoutToken.statusCode()).isEqualTo(403);

		HttpResponse<String> wrong = browser.post("/login", Map.of("username", "ada", "password", "guess"), true);
		assertThat(wrong.headers().firstValue("Location"))
			.hasValueSatisfying(location -> assertThat(location).endsWith("/login?error"));
		assertThat(browser.get("/ui/keys").statusCode()).isEqualTo(302);

		HttpResponse<String> right = browser.post("/login", Map.of("username", "ada", "password", "ada-password"),
				true);
		assertThat(right.headers().firstValue("Location"))
			.hasValueSatisfying(location -> assertThat(location).endsWith("/ui"));
		assertThat(browser.get("/ui/keys").statusCode()).isEqualTo(200);
	}

	@Test
	void theSessionCookieIsHttpOnlySameSiteAndSecureBehindTls() {
		Browser plain = new Browser();
		String cookie = plain.signIn("ada", "ada-password").headers().firstValue("Set-Cookie").orElseThrow();
		assertThat(cookie).startsWith("TURNPIKE_SESSION=")
			.contains("HttpOnly", "SameSite=Lax")
			.doesNotContain("Secure");

		Browser behindTls = new Browser(Map.of("X-Forwarded-Proto", "https"));
		String secureCookie = behindTls.signIn("ada", "ada-password").headers().firstValue("Set-Cookie").orElseThrow();
		assertThat(secureCookie).contains("HttpOnly", "SameSite=Lax", "Secure");
	}

	@Test
	void aSignedInUserStaysSignedInOnEveryReplica() {
		Browser browser = new Browser();
		browser.signIn("ada", "ada-password");
		try (RunningUsagePlanService otherReplica = RunningUsagePlanService.start(RedisExtension.shared(),
				"turnpike.ui.users[0].username=ada", "turnpike.ui.users[0].password={noop}ada-password",
				"turnpike.ui.users[0].role=admin")) {
			browser.switchTo(otherReplica.baseUrl());
			HttpResponse<String> keys = browser.get("/ui/keys");
			assertThat(keys.statusCode()).isEqualTo(200);
			assertThat(keys.body()).contains("ada (admin)");
			HttpResponse<String> created = browser.post("/ui/plans", Map.of("name", "made-on-the-other-replica"), true);
			assertThat(created.statusCode()).isEqualTo(302);
		}
		assertThat(service.sdk().getUsagePlans(request -> {
		}).items()).anyMatch(plan -> plan.name().equals("made-on-the-other-replica"));
	}

	@Test
	void changesWithoutTheFormsCsrfTokenAreRefused() {
		Browser admin = new Browser();
		admin.signIn("ada", "ada-password");
		HttpResponse<String> forged = admin.post("/ui/plans", Map.of("name", "forged"), false);
		assertThat(forged.statusCode()).isEqualTo(403);
		assertThat(service.sdk().getUsagePlans(request -> {
		}).items()).noneMatch(plan -> plan.name().equals("forged"));

		HttpResponse<String> real = admin.post("/ui/plans", Map.of("name", "csrf-checked", "stages", "shop/prod"),
				true);
		assertThat(real.statusCode()).isEqualTo(302);
		assertThat(service.sdk().getUsagePlans(request -> {
		}).items()).anyMatch(plan -> plan.name().equals("csrf-checked"));
	}

	@Test
	void viewersSeeButCannotChangeAndEveryChangeIsAuditedWithTheUser() {
		Browser admin = new Browser();
		admin.signIn("ada", "ada-password");
		HttpResponse<String> created = admin.post("/ui/keys", Map.of("name", "audited-key"), true);
		assertThat(created.statusCode()).isEqualTo(200);
		assertThat(created.headers().firstValue("Cache-Control")).hasValue("no-store");
		String keyId = service.sdk().getApiKeys(request -> request.nameQuery("audited-key")).items().get(0).id();

		Browser viewer = new Browser();
		viewer.signIn("vic", "vic-password");
		assertThat(viewer.get("/ui/keys/" + keyId).body()).contains("audited-key").doesNotContain("Disable key");
		assertThat(viewer.get("/ui/keys/new").statusCode()).isEqualTo(403);
		HttpResponse<String> disable = viewer.post("/ui/keys/" + keyId + "/enabled", Map.of("enabled", "false"), true);
		assertThat(disable.statusCode()).isEqualTo(403);
		assertThat(disable.body()).contains("may look but not change things");
		assertThat(service.sdk().getApiKey(request -> request.apiKey(keyId)).enabled()).isTrue();

		String audit = viewer.get("/ui/audit").body();
		assertThat(audit).contains("ui:ada").contains(keyId).doesNotContain("ui:vic");
	}

	@Test
	void problemsArePagesAPersonUnderstandsNotStackTraces() {
		Browser admin = new Browser();
		admin.signIn("ada", "ada-password");
		HttpResponse<String> missing = admin.get("/ui/keys/no-such-key");
		assertThat(missing.statusCode()).isEqualTo(404);
		assertThat(missing.body()).contains("That did not work").doesNotContain("Exception", "at dev.turnpike");

		HttpResponse<String> nowhere = admin.get("/ui/no-such-page");
		assertThat(nowhere.statusCode()).isEqualTo(404);
		assertThat(nowhere.body()).contains("Page not found").doesNotContain("Whitelabel", "Exception");

		HttpResponse<String> garbled = admin.post("/ui/keys/no-such-key/enabled", Map.of("enabled", "perhaps"), true);
		assertThat(garbled.statusCode()).isEqualTo(400);
		assertThat(garbled.body()).contains("not filled in as expected").doesNotContain("Exception");

		HttpResponse<String> badPlan = admin.post("/ui/plans",
				Map.of("name", "", "rateLimit", "ten", "quotaLimit", "5", "stages", "no-slash"), true);
		assertThat(badPlan.statusCode()).isEqualTo(200);
		assertThat(badPlan.body()).contains("id=\"name-error\"", "id=\"rateLimit-error\"", "id=\"quotaPeriod-error\"",
				"id=\"stages-error\"");
	}

	/**
	 * A browser's view of the service: cookies kept (also Secure ones, as a browser
	 * talking to the TLS proxy in front would), redirects not followed, the CSRF token
	 * taken from the last page.
	 */
	static final class Browser {

		private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

		private final HttpClient client = HttpClient.newBuilder()
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(Duration.ofSeconds(5))
			.build();

		private final Map<String, String> headers;

		private String baseUrl = service.baseUrl();

		private final Map<String, String> cookies = new LinkedHashMap<>();

		private String csrf;

		Browser() {
			this(Map.of());
		}

		Browser(Map<String, String> headers) {
			this.headers = headers;
		}

		/** Sends the next requests, with the same cookies, to another replica. */
		void switchTo(String baseUrl) {
			this.baseUrl = baseUrl;
		}

		HttpResponse<String> signIn(String username, String password) {
			get("/login");
			HttpResponse<String> response = post("/login", Map.of("username", username, "password", password), true);
			assertThat(response.statusCode()).isEqualTo(302);
			assertThat(response.headers().firstValue("Location"))
				.hasValueSatisfying(location -> assertThat(location).doesNotContain("error"));
			// Signing in renews the CSRF token, as the page the browser lands on shows.
			get("/ui/keys");
			return response;
		}

		HttpResponse<String> get(String path) {
			HttpResponse<String> response = send(request(path).GET());
			Matcher token = CSRF.matcher(response.body());
			if (token.find()) {
				this.csrf = token.group(1);
			}
			return response;
		}

		/**
		 * Posts a form, with the CSRF token of the last page fetched when
		 * {@code withToken}.
		 */
		HttpResponse<String> post(String path, Map<String, String> fields, boolean withToken) {
			Map<String, String> form = new LinkedHashMap<>(fields);
			if (withToken) {
				if (this.csrf == null) {
					get("/login");
				}
				form.put("_csrf", this.csrf);
			}
			String body = form.entrySet()
				.stream()
				.map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
						+ URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
				.collect(Collectors.joining("&"));
			return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(body)));
		}

		private HttpRequest.Builder request(String path) {
			HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(this.baseUrl + path))
				.timeout(Duration.ofSeconds(10))
				.header("Accept", "text/html");
			this.headers.forEach(builder::header);
			if (!this.cookies.isEmpty()) {
				builder.header("Cookie",
						this.cookies.entrySet()
							.stream()
							.map(cookie -> cookie.getKey() + "=" + cookie.getValue())
							.collect(Collectors.joining("; ")));
			}
			return builder;
		}

		private HttpResponse<String> send(HttpRequest.Builder request) {
			try {
				HttpResponse<String> response = this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
				for (String cookie : response.headers().allValues("Set-Cookie")) {
					String pair = cookie.split(";", 2)[0];
					int equals = pair.indexOf('=');
					this.cookies.put(pair.substring(0, equals).trim(), pair.substring(equals + 1).trim());
				}
				return response;
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}

	}

}
