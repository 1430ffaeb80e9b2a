package org.handoffengine.api.ui;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's chromium, headless, through Debian's chromedriver: Selenium is given both paths, so it
 * never looks for or downloads a browser. Where they are missing the test is skipped, except in CI
 * ({@code CI=true}), which installs them.
 */
final class SystemChromium {

  static final Path BROWSER = Path.of("/usr/bin/chromium");
  static final Path DRIVER = Path.of("/usr/bin/chromedriver");

  private SystemChromium() {}

  static WebDriver start() {
    boolean present = Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER);
    if (!present && "true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new IllegalStateException(
          "CI must run the browser tests, but " + BROWSER + " or " + DRIVER + " is missing");
    }
    Assumptions.assumeTrue(
        present,
        "no "
            + BROWSER
            + " and "
            + DRIVER
            + " (apt-get install chromium chromium-driver): browser test skipped");
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(DRIVER.toString()))
            .usingAnyFreePort()
            .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(BROWSER.toString());
    options.addArguments(
        "--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1440,900");
    return new ChromeDriver(service, options);
  }
}
