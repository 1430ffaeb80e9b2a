package org.handoffengine.api.panel;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's chromium and chromedriver, driven headless. Both paths are given to Selenium, so it
 * never looks for (or downloads) a browser or driver of its own. Without them the test is skipped
 * with one line; on CI ({@code CI=true}), where {@code .ci/run} installs them, it fails instead.
 */
final class SystemChromium {

  static final Path BROWSER =
      Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
  static final Path DRIVER =
      Path.of(System.getenv().getOrDefault("CHROMEDRIVER", "/usr/bin/chromedriver"));

  private SystemChromium() {}

  static ChromeDriver start(int width, int height) {
    boolean present = Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER);
    String missing =
        "Debian's chromium and chromium-driver are not installed (" + BROWSER + ", " + DRIVER + ")";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      if (!present) {
        throw new IllegalStateException(missing + "; .ci/run installs them");
      }
    } else {
      Assumptions.assumeTrue(present, missing + "; skipping the real-browser test");
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(BROWSER.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--hide-scrollbars",
        "--window-size=" + width + "," + height);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(DRIVER.toString()))
            .usingAnyFreePort()
            .build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    return driver;
  }
}
