package org.handoffengine.api.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.handoffengine.api.EngineTest;
import org.handoffengine.api.Reports;
import org.handoffengine.api.realserver.RealTemporal;
import org.handoffengine.api.realserver.RealTemporalExtension;
import org.handoffengine.worker.devserver.LocalTemporalServer;
import org.handoffengine.workflows.journey.JourneyStage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The Temporal UI in a real browser, on a start-dev server of its own whose UI decodes payloads
 * through the engine's {@code /codec} endpoint (CORS for the UI's origin; no token, since the UI
 * sends none without OIDC). A journey's call report reads in plain words there; restarted on the
 * same database without the codec endpoint, the same page shows ciphertext and no summary, name or
 * phone number. Screenshots of both land in {@code api/target/ui/} (the README's is one of them).
 */
@Tag(RealTemporal.TAG)
@ExtendWith(RealTemporalExtension.class)
class TemporalUiBrowserTest extends EngineTest {

  /** Chosen before the engine starts: the server is told its codec endpoint when it starts. */
  private static final int ENGINE_PORT = freePort();

  private static final Path SCREENSHOTS = Path.of("target", "ui");
  private static final Duration PAGE_PATIENCE = Duration.ofSeconds(30);
  private static final Pattern CIPHERTEXT = Pattern.compile("[A-Za-z0-9+/=]{400,}");
  private static LocalTemporalServer server;

  @DynamicPropertySource
  static void temporalWithUi(DynamicPropertyRegistry registry) {
    registry.add("spring.temporal.connection.target", () -> server().target());
    registry.add("spring.temporal.test-server.enabled", () -> "false");
    registry.add("spring.temporal.namespace", () -> "default");
    registry.add("handoff.temporal.time-skipping", () -> "false");
    registry.add("server.port", () -> ENGINE_PORT);
    registry.add("handoff.codec.allowed-origins", () -> server().uiUrl().orElseThrow());
    registry.add("handoff.codec.require-token", () -> "false");
  }

  private static synchronized LocalTemporalServer server() {
    if (server == null) {
      server =
          LocalTemporalServer.start(
              LocalTemporalServer.findBinary().orElseThrow(),
              LocalTemporalServer.Options.defaults()
                  .withUi(codecEndpoint())
                  .in(Path.of("target", "temporal-ui")));
    }
    return server;
  }

  private static String codecEndpoint() {
    return "http://127.0.0.1:" + ENGINE_PORT + "/codec";
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void theUiShowsTheDecodedCallWithTheCodecEndpointAndNoPersonalDataWithout() throws IOException {
    String phone = "+14155550646";
    String journeyId = journeyOf(phone);
    postVapi(Reports.endOfCall("call-ui-1", phone).toString());
    awaitJourney(journeyId, s -> s.stage() == JourneyStage.WAITING_FOR_REPLY);
    String runId = temporal.newUntypedWorkflowStub(journeyId).describe().getExecution().getRunId();
    // Event 2 is the callEnded signal that carried the report: the page opens it expanded.
    String callReport =
        server.uiUrl().orElseThrow()
            + "/namespaces/default/workflows/"
            + journeyId
            + "/"
            + runId
            + "/history/events/2";

    WebDriver browser = SystemChromium.start();
    try {
      browser.get(callReport);
      String decoded = awaitPage(browser, text -> text.contains("called about e-bike order 88231"));
      assertThat(decoded)
          .contains("callEnded", "\"customerName\": \"Alex Rivera\"", "12 Harbor Lane");
      screenshot(browser, "temporal-ui-journey.png");
    } finally {
      browser.quit();
    }

    server.restartWithCodec(null);
    browser = SystemChromium.start();
    try {
      browser.get(callReport);
      // Without a codec the UI shows the payload's bytes: the report, encrypted, as base64.
      String encoded =
          awaitPage(browser, text -> text.contains("callEnded") && CIPHERTEXT.matcher(text).find());
      screenshot(browser, "temporal-ui-journey-without-codec.png");
      // The whole page, heading (the workflow id) and summary included: the id is the number's
      // keyed hash.
      assertThat(encoded).contains(journeyId);
      assertThat(encoded)
          .doesNotContain(
              "88231",
              "Harbor Lane",
              "Alex",
              "Rivera",
              phone,
              phone.substring(1),
              "555-0646",
              "5550646");
    } finally {
      browser.quit();
      server.restartWithCodec(codecEndpoint());
    }
  }

  /**
   * Polls the page's visible text (the UI fetches and decodes after it renders) until it shows what
   * the test looks for.
   */
  private static String awaitPage(WebDriver browser, Predicate<String> shows) {
    return new WebDriverWait(browser, PAGE_PATIENCE)
        .withMessage(
            () ->
                "the page never showed it; it shows:\n"
                    + browser.findElement(By.tagName("body")).getText())
        .until(
            driver -> {
              String text = driver.findElement(By.tagName("body")).getText();
              return shows.test(text) ? text : null;
            });
  }

  private static void screenshot(WebDriver browser, String name) throws IOException {
    File png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
    Files.createDirectories(SCREENSHOTS);
    Files.copy(png.toPath(), SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
