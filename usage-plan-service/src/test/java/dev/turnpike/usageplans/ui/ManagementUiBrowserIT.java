package dev.turnpike.usageplans.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.IntPredicate;

import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import software.amazon.awssdk.services.apigateway.model.ApiStage;
import software.amazon.awssdk.services.apigateway.model.QuotaPeriodType;

import dev.turnpike.test.backend.TestBackend;
import dev.turnpike.test.process.JarProcess;
import dev.turnpike.test.redis.RedisExtension;
import dev.turnpike.usageplans.support.RunningUsagePlanService;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The management UI in a real Chromium, end to end: the usage-plan service against a real
 * Redis, the packaged gateway reading the same Redis, a real backend behind it, and a
 * real identity provider for single sign-on. A product owner signs in, creates a plan and
 * a key, and the key works through the gateway until it is disabled; the calls show up in
 * the usage charts. Screenshots of the main pages go to {@code target/screenshots}.
 * <p>
 * Skipped, with a message saying how to install them, where Chromium and chromedriver are
 * not installed.
 */
class ManagementUiBrowserIT {

	private static final String ADMIN_PASSWORD = "browser-test-admin-password";

	private static final String API = """
			openapi: 3.0.1
			info: {title: Shop, version: "1"}
			paths:
			  /orders:
			    get:
			      security:
			        - api_key: []
			      x-amazon-apigateway-integration:
			        type: http_proxy
			        httpMethod: GET
			        uri: ${stageVariables.backendUrl}/orders
			components:
			  securitySchemes:
			    api_key: {type: apiKey, name: x-api-key, in: header}
			""";

	@TempDir
	static Path configDir;

	static TestBackend backend;

	static MockOAuth2Server identityProvider;

	static RunningUsagePlanService service;

	static JarProcess gateway;

	static String gatewayUrl;

	static ChromeDriver browser;

	static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	/** How many requests the gateway let through in the current test. */
	static int accepted;

	@BeforeAll
	static void start() throws IOException {
		Chromium.assumeInstalled();
		var redis = RedisExtension.shared();
		backend = TestBackend.start().respond("/orders", TestBackend.Response.json(200, "[{\"id\":1}]"));
		Files.createDirectories(configDir.resolve("apis/shop/stages"));
		Files.writeString(configDir.resolve("apis/shop/openapi.yaml"), API);
		Files.writeString(configDir.resolve("apis/shop/stages/prod.yaml"),
				"variables:\n  backendUrl: " + backend.baseUrl() + "\n");
		Files.writeString(configDir.resolve("gateway.yaml"), "domains:\n  localhost:\n    (none): shop/prod\n");

		identityProvider = new MockOAuth2Server(OAuth2Config.Companion.fromJson("{\"interactiveLogin\": true}"));
		identityProvider.start();
		service = RunningUsagePlanService.start(redis, "turnpike.ui.users[0].username=admin",
				"turnpike.ui.users[0].password={noop}" + ADMIN_PASSWORD, "turnpike.ui.users[0].role=admin",
				"spring.security.oauth2.client.registration.oidc.client-id=turnpike-ui",
				"spring.security.oauth2.client.registration.oidc.client-secret=turnpike-ui-secret",
				"spring.security.oauth2.client.registration.oidc.scope=openid",
				"spring.security.oauth2.client.provider.oidc.issuer-uri=" + identityProvider.issuerUrl("corp"));

		int port = JarProcess.freePort();
		int management = JarProcess.freePort();
		gateway = JarProcess.start("gateway", JarProcess.moduleJar("gateway-app"),
				List.of("--server.port=" + port, "--management.server.port=" + management,
						"--turnpike.config.location=" + configDir, "--spring.data.redis.url=" + redis.url(),
						"--turnpike.api-keys.hash-secret=" + RunningUsagePlanService.HASH_SECRET,
						// A browser, three JVMs and Redis share two cores here: allow
						// slow Redis answers, which the
						// 100 ms production default would turn into 503s (the failure
						// policy is not under test).
						"--turnpike.redis.command-timeout=2s"));
		gateway.awaitReady("http://127.0.0.1:" + management + "/actuator/health/readiness", Duration.ofSeconds(90));
		gatewayUrl = "http://localhost:" + port;
		browser = Chromium.start();
	}

	@AfterAll
	static void stop() {
		if (browser != null) {
			browser.quit();
		}
		if (gateway != null) {
			gateway.close();
		}
		if (service != null) {
			service.close();
		}
		if (identityProvider != null) {
			identityProvider.shutdown();
		}
		if (backend != null) {
			backend.close();
		}
	}

	@BeforeEach
	void freshSession() {
		browser.manage().window().setSize(new Dimension(1280, 1000));
		browser.manage().deleteAllCookies();
		accepted = 0;
	}

	@Test
	void aProductOwnerIssuesAKeyThatWorksThroughTheGatewayShowsItsUsageAndStopsWhenDisabled() {
		open("/ui/keys");
		assertThat(browser.getCurrentUrl()).endsWith("/login");
		Chromium.screenshot(browser, "login");
		signInAsAdmin();

		// A plan, first with the mistakes people make: errors appear next to their fields
		// and nothing is lost.
		open("/ui/plans/new");
		type("name", "Gold");
		type("rateLimit", "10");
		type("burstLimit", "5");
		type("quotaLimit", "1000");
		type("stages", "shop/prod /orders/GET=5/10");
		submit();
		assertThat(text("burstLimit-error")).contains("burst");
		assertThat(text("quotaPeriod-error")).isNotBlank();
		assertThat(browser.findElement(By.id("name")).getDomAttribute("value")).isEqualTo("Gold");
		assertThat(browser.findElement(By.id("stages")).getDomProperty("value"))
			.isEqualTo("shop/prod /orders/GET=5/10");
		assertThat(browser.getPageSource()).doesNotContain("Exception", "\"message\"");
		Chromium.screenshot(browser, "plan-validation");
		type("burstLimit", "20");
		new Select(browser.findElement(By.id("quotaPeriod"))).selectByValue("DAY");
		submit();
		assertThat(text("main")).contains("Usage plan Gold created.");
		Chromium.screenshot(browser, "plan");

		// A key in that plan; its value is shown once, with a copy button.
		open("/ui/keys/new");
		type("name", "Acme Corp");
		type("customerId", "acme");
		new Select(browser.findElement(By.id("planId"))).selectByVisibleText("Gold");
		submit();
		assertThat(text("main")).contains("API key created", "Copy this value now", "shown this once");
		String value = browser.findElement(By.id("key-value")).getDomProperty("value");
		assertThat(value).hasSizeGreaterThanOrEqualTo(30);
		WebElement copy = browser.findElement(By.cssSelector("[data-copy]"));
		copy.click();
		new WebDriverWait(browser, Duration.ofSeconds(5))
			.until(ExpectedConditions.textToBePresentInElement(copy, "Copied"));
		Chromium.screenshot(browser, "key-created");

		assertThat(callGateway(value).statusCode()).isEqualTo(200);
		assertThat(callGateway(null).statusCode()).isEqualTo(403);
		assertThat(callGateway("not-" + value).statusCode()).isEqualTo(403);

		// The call shows up in the key's chart, with the quota left today.
		browser.findElement(By.linkText("Done, go to the key")).click();
		WebElement todaysBar = browser
			.findElement(By.cssSelector("article.usage rect.bar[data-day='" + today() + "']"));
		assertThat(todaysBar.getDomAttribute("data-requests")).isEqualTo("1");
		assertThat(text("main")).contains("999 left today", "1 request from");
		assertThat(browser.getPageSource()).doesNotContain(value);
		browser.executeScript("arguments[0].scrollIntoView({block: 'end'})",
				browser.findElement(By.cssSelector("article.usage")));
		Chromium.screenshot(browser, "key");

		// Disabled, the key stops working at the gateway.
		clickButton("Disable key");
		assertThat(text("key-status")).isEqualTo("Disabled");
		assertThat(gatewayStatusWithin(value, status -> status == 403)).isEqualTo(403);
		clickButton("Enable key");
		assertThat(text("key-status")).isEqualTo("Enabled");
		assertThat(gatewayStatusWithin(value, status -> status == 200)).isEqualTo(200);

		// The plan's own chart counts every key's calls; the audit log names who did
		// what.
		open("/ui/plans");
		browser.findElement(By.linkText("Gold")).click();
		assertThat(browser.findElement(By.cssSelector("rect.bar[data-day='" + today() + "']"))
			.getDomAttribute("data-requests")).isEqualTo(String.valueOf(accepted)).isNotEqualTo("1");
		open("/ui/audit");
		String audit = text("main");
		assertThat(audit).contains("ui:admin");
		assertThat(audit.toLowerCase()).contains("create", "update");
		Chromium.screenshot(browser, "audit");
	}

	@Test
	void rotatingAKeyKeepsTheOldValueWorkingDuringTheGracePeriod() {
		String planId = planFor("Rotation plan");
		signInAsAdmin();
		open("/ui/keys/new");
		type("name", "Rotating Ltd");
		new Select(browser.findElement(By.id("planId"))).selectByValue(planId);
		submit();
		String before = browser.findElement(By.id("key-value")).getDomProperty("value");
		assertThat(callGateway(before).statusCode()).isEqualTo(200);
		browser.findElement(By.linkText("Done, go to the key")).click();

		type("graceHours", "2");
		clickButton("Rotate");
		assertThat(text("main")).contains("API key rotated", "keeps working for 2 hour(s)");
		String after = browser.findElement(By.id("key-value")).getDomProperty("value");
		assertThat(after).isNotEqualTo(before);
		Chromium.screenshot(browser, "key-rotated");

		assertThat(gatewayStatusWithin(after, status -> status == 200)).isEqualTo(200);
		assertThat(callGateway(before).statusCode()).isEqualTo(200);
		browser.findElement(By.linkText("Done, go to the key")).click();
		assertThat(text("main")).contains("Previous value", "still accepted until");
	}

	@Test
	void keysAreFoundAsYouTypeAndDeletedOnlyAfterConfirming() {
		String planId = planFor("Search plan");
		signInAsAdmin();
		String zebraValue = null;
		for (String name : List.of("Zebra Logistics", "Yak Analytics")) {
			open("/ui/keys/new");
			type("name", name);
			new Select(browser.findElement(By.id("planId"))).selectByValue(planId);
			submit();
			if (name.startsWith("Zebra")) {
				zebraValue = browser.findElement(By.id("key-value")).getDomProperty("value");
			}
		}
		assertThat(callGateway(zebraValue).statusCode()).isEqualTo(200);
		open("/ui/keys");
		WebElement search = browser.findElement(By.id("q"));
		search.sendKeys("zebra");
		// htmx swaps the results in place: no page load, the address shows the search.
		new WebDriverWait(browser, Duration.ofSeconds(10))
			.until(driver -> !text("results").contains("Yak Analytics") && text("results").contains("Zebra Logistics"));
		assertThat(browser.getCurrentUrl()).contains("q=zebra");
		Chromium.screenshot(browser, "keys");

		browser.findElement(By.linkText("Zebra Logistics")).click();
		browser.findElement(By.linkText("Delete")).click();
		assertThat(text("main")).contains("Delete API key Zebra Logistics?");
		Chromium.screenshot(browser, "key-delete-confirm");
		browser.findElement(By.linkText("Cancel")).click();
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Zebra Logistics");
		browser.findElement(By.linkText("Delete")).click();
		clickButton("Delete");
		assertThat(text("main")).contains("API key Zebra Logistics deleted.");
		assertThat(text("results")).doesNotContain("Zebra Logistics").contains("Yak Analytics");
		assertThat(gatewayStatusWithin(zebraValue, status -> status == 403)).isEqualTo(403);
	}

	@Test
	void aViewerSignedInThroughTheIdentityProviderSeesEverythingAndChangesNothing() {
		planFor("Viewer plan");
		open("/login");
		browser.findElement(By.partialLinkText("single sign-on")).click();
		// The identity provider's own sign-in page.
		browser.findElement(By.name("username")).sendKeys("vera@example.com");
		browser.findElement(By.name("claims")).sendKeys("{\"roles\": [\"turnpike-viewer\"]}");
		browser.findElement(By.cssSelector("input[type=submit]")).click();
		new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/ui/keys"));
		assertThat(text("main")).contains("API keys");
		assertThat(browser.findElement(By.cssSelector("header")).getText()).contains("(viewer)");
		assertThat(browser.findElements(By.linkText("New API key"))).isEmpty();

		open("/ui/plans");
		browser.findElement(By.linkText("Viewer plan")).click();
		assertThat(browser.findElement(By.id("name")).isEnabled()).isFalse();
		assertThat(browser.findElements(By.xpath("//button[normalize-space()='Save']"))).isEmpty();

		open("/ui/keys/new");
		assertThat(text("main")).contains("Not allowed", "may look but not change things");
	}

	@Test
	void aWrongPasswordIsToldPlainlyAndThePagesFitAPhone() {
		open("/login");
		type("username", "admin");
		type("password", "not-the-password");
		submit();
		assertThat(text("main")).contains("That user name and password do not match.");

		signInAsAdmin();
		planFor("Phone plan");
		browser.manage().window().setSize(new Dimension(390, 844));
		for (String page : List.of("/ui/keys", "/ui/plans", "/ui/keys/new", "/ui/audit")) {
			open(page);
			Long overflow = (Long) browser
				.executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
			assertThat(overflow).as("horizontal overflow on %s at phone width", page).isLessThanOrEqualTo(0L);
		}
		open("/ui/plans");
		Chromium.screenshot(browser, "plans-phone");
	}

	// --- helpers

	private static String today() {
		return LocalDate.now(ZoneOffset.UTC).toString();
	}

	/**
	 * A plan for the shop API, made through the AWS-compatible API (the same service
	 * layer as the UI).
	 */
	private static String planFor(String name) {
		return service.sdk()
			.createUsagePlan(plan -> plan.name(name)
				.apiStages(ApiStage.builder().apiId("shop").stage("prod").build())
				.quota(quota -> quota.limit(100).period(QuotaPeriodType.DAY)))
			.id();
	}

	private void signInAsAdmin() {
		open("/login");
		type("username", "admin");
		type("password", ADMIN_PASSWORD);
		submit();
		new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/ui/keys"));
	}

	private static void open(String path) {
		browser.get(service.baseUrl() + path);
	}

	private static void type(String id, String value) {
		WebElement field = browser.findElement(By.id(id));
		field.clear();
		field.sendKeys(value);
	}

	private static String text(String id) {
		return browser.findElement(By.id(id)).getText();
	}

	/**
	 * Submits the page's main form with its submit button, and waits for the next page.
	 */
	private static void submit() {
		WebElement button = browser.findElement(By.cssSelector("main form button[type=submit]"));
		button.click();
		new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.stalenessOf(button));
	}

	private static void clickButton(String label) {
		WebElement button = browser.findElement(By.xpath("//button[normalize-space()='" + label + "']"));
		button.click();
		new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.stalenessOf(button));
	}

	private static HttpResponse<String> callGateway(String apiKey) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gatewayUrl + "/orders"))
			.timeout(Duration.ofSeconds(10));
		if (apiKey != null) {
			request.header("x-api-key", apiKey);
		}
		try {
			HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() == 200) {
				accepted++;
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

	/**
	 * The gateway's answer once it satisfies {@code expected}, or its last answer after
	 * five seconds.
	 */
	private static int gatewayStatusWithin(String apiKey, IntPredicate expected) {
		long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		int status;
		do {
			status = callGateway(apiKey).statusCode();
			if (expected.test(status)) {
				return status;
			}
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
		while (System.nanoTime() < deadline);
		return status;
	}

}
