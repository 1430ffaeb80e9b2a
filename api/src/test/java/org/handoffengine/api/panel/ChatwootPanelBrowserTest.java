package org.handoffengine.api.panel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.handoffengine.workflows.journey.JourneyView;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The panel in a real browser, inside the Chatwoot sandbox's conversation screen: an iframe the
 * host page answers {@code chatwoot-dashboard-app:fetch-info} for, as Chatwoot's DashboardApp frame
 * does. Journeys are made through the real Vapi webhook. Screenshots land in {@code
 * target/panel-screenshots/} (the README shows copies from {@code docs/}).
 */
class ChatwootPanelBrowserTest extends PanelTest {

  private static final Path SCREENSHOTS = Path.of("target", "panel-screenshots");
  private static ChromeDriver browser;

  @BeforeAll
  static void openBrowser() {
    browser = SystemChromium.start(1280, 860);
  }

  @AfterAll
  static void closeBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  void theJourneyShowsBesideItsConversationAndEachActionLeavesANoteNamingTheAgent() {
    JourneyView journey = journeyFromACall("call-panel-browser-1", "+14155550621", null);
    registerPanel(1, panelUrl(1));

    openConversation(1, journey.conversationId());

    waitFor(d -> !d.findElement(By.id("stage")).getText().isBlank());
    assertThat(text("stage")).contains("waiting for reply");
    assertThat(text("status-line")).contains("follow-up call 1 of 3 at");
    assertThat(text("follow-up")).contains("0 of 3").contains("America/New_York");
    assertThat(text("calls")).contains("inbound").contains(journey.calls().get(0).summary());
    assertThat(browser.findElement(By.id("temporal-link")).getAttribute("href"))
        .contains("/workflows/" + journeyOf("+14155550621"));
    screenshot("panel-journey.png");

    browser.findElement(By.cssSelector("button[data-action=stop-follow-ups]")).click();

    JourneyView stopped =
        awaitJourney(journey.journeyId(), s -> s.followUp().stoppedBecause() != null);
    assertThat(stopped.followUp().stoppedBecause()).contains("Jordan (agent)");
    assertThat(stopped.followUp().nextCallAt()).isNull();
    CHATWOOT.awaitUntil(
        "the stop note",
        () ->
            CHATWOOT.messages(journey.conversationId()).stream()
                .anyMatch(
                    m ->
                        m.path("private").asBoolean()
                            && m.path("content")
                                .asString()
                                .startsWith("Follow-up calls stopped by Jordan (agent)")),
        PATIENCE);
    openConversation(1, journey.conversationId()); // the host page again, now with the note
    waitFor(d -> d.findElement(By.id("stage")).getText().contains("follow ups stopped"));
    assertThat(text("follow-up")).contains("Jordan (agent)").contains("none planned");
    assertThat(browser.findElements(By.cssSelector("button[data-action=stop-follow-ups]")))
        .isEmpty();
    screenshot("panel-follow-ups-stopped.png");

    browser.findElement(By.cssSelector("button[data-action=escalate]")).click();

    JourneyView escalated = awaitJourney(journey.journeyId(), s -> s.escalation().escalated());
    assertThat(escalated.escalation().reason()).contains("Jordan (agent)");
    CHATWOOT.awaitUntil(
        "the escalation note",
        () ->
            CHATWOOT.messages(journey.conversationId()).stream()
                .anyMatch(
                    m ->
                        m.path("private").asBoolean()
                            && m.path("content").asString().contains("Jordan (agent)")),
        PATIENCE);
    waitFor(d -> d.findElement(By.id("escalation")).getText().startsWith("Handed to a human"));
    openConversation(1, journey.conversationId()); // the host page again, now with the note
    waitFor(d -> d.findElement(By.id("escalation")).getText().startsWith("Handed to a human"));
    screenshot("panel-taken-over.png");
  }

  @Test
  void aConversationOfAnotherAccountIsRefused() {
    JourneyView sales = journeyFromACall("call-panel-browser-2", "+14155550622", "pn-panel-sales");
    registerPanel(SALES_ACCOUNT, panelUrl(1)); // account 1's panel pasted into account 2

    openConversation(SALES_ACCOUNT, sales.conversationId());

    waitFor(d -> d.findElement(By.id("notice")).getText().startsWith("Refused"));
    assertThat(text("notice")).contains("account 1").contains("account " + SALES_ACCOUNT);
    assertThat(browser.findElement(By.id("journey")).isDisplayed()).isFalse();
    screenshot("panel-other-account.png");
    registerPanel(SALES_ACCOUNT, panelUrl(SALES_ACCOUNT));
  }

  @Test
  void aWrongCredentialIsRefusedWithAReadableMessage() {
    JourneyView journey = journeyFromACall("call-panel-browser-3", "+14155550623", null);
    registerPanel(1, panelUrl(1).replace(KEYS.keyFor(1), "a-stale-key"));
    try {
      openConversation(1, journey.conversationId());

      waitFor(d -> d.findElement(By.id("notice")).getText().contains("credential is wrong"));
      assertThat(text("notice")).contains("Run setup again");
      screenshot("panel-wrong-credential.png");
    } finally {
      registerPanel(1, panelUrl(1));
    }
  }

  private void openConversation(long account, long conversationId) {
    browser.switchTo().defaultContent();
    browser.get(CHATWOOT.conversationPageUrl(account, conversationId));
    new WebDriverWait(browser, PATIENCE)
        .until(ExpectedConditions.frameToBeAvailableAndSwitchToIt(By.tagName("iframe")));
  }

  private void waitFor(java.util.function.Function<WebDriver, Boolean> condition) {
    new WebDriverWait(browser, PATIENCE)
        .ignoring(org.openqa.selenium.NoSuchElementException.class)
        .until(condition::apply);
  }

  private String text(String id) {
    return browser.findElement(By.id(id)).getText();
  }

  /** The whole Chatwoot screen, host page and panel. */
  private void screenshot(String name) {
    browser.switchTo().defaultContent();
    try {
      Files.createDirectories(SCREENSHOTS);
      Files.copy(
          browser.getScreenshotAs(OutputType.FILE).toPath(),
          SCREENSHOTS.resolve(name),
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    browser.switchTo().frame(browser.findElement(By.tagName("iframe")));
  }
}
