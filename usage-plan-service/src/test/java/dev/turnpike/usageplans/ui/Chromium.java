package dev.turnpike.usageplans.ui;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The system's Chromium (Debian's {@code chromium} and {@code chromium-driver} packages),
 * driven headless through Selenium. Both executables are named explicitly, so Selenium
 * never looks for or downloads a browser or a driver. Where they are missing,
 * {@link #assumeInstalled()} skips the calling tests with a message saying how to install
 * them. Override the locations with {@code -Dturnpike.test.chromium=...} and
 * {@code -Dturnpike.test.chromedriver=...}.
 */
final class Chromium {

	static final Path BROWSER = Path.of(System.getProperty("turnpike.test.chromium", "/usr/bin/chromium"));

	static final Path DRIVER = Path.of(System.getProperty("turnpike.test.chromedriver", "/usr/bin/chromedriver"));

	static final Path SCREENSHOTS = Path.of("target", "screenshots");

	private Chromium() {
	}

	/**
	 * Skips (never fails, never passes) the calling tests where Chromium or its driver is
	 * not installed.
	 */
	static void assumeInstalled() {
		Assumptions.assumeTrue(Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER),
				() -> "Browser tests SKIPPED: no Chromium at " + BROWSER + " or no chromedriver at " + DRIVER
						+ ". Install them with `sudo apt-get install chromium chromium-driver` (Debian/Ubuntu), "
						+ "or point -Dturnpike.test.chromium / -Dturnpike.test.chromedriver at them.");
	}

	/** A new headless browser with a desktop-sized window. */
	static ChromeDriver start() {
		ChromeOptions options = new ChromeOptions();
		options.setBinary(BROWSER.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
				"--no-first-run", "--disable-extensions", "--window-size=1280,1000", "--lang=en-US");
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
			.usingAnyFreePort()
			.withLogFile(new File("target/chromedriver.log"))
			.build();
		ChromeDriver driver = new ChromeDriver(service, options);
		driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
		driver.manage().window().setSize(new Dimension(1280, 1000));
		return driver;
	}

	/** Saves what the browser shows as {@code target/screenshots/<name>.png}. */
	static Path screenshot(TakesScreenshot browser, String name) {
		try {
			Files.createDirectories(SCREENSHOTS);
			Path file = SCREENSHOTS.resolve(name + ".png");
			Files.write(file, browser.getScreenshotAs(OutputType.BYTES));
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
