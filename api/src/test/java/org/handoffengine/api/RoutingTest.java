package org.handoffengine.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import org.handoffengine.workflows.journey.JourneyStage;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One engine, two teams: calls are routed by Vapi number (else assistant) to their Chatwoot account
 * and inbox.
 */
class RoutingTest extends EngineTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final long SALES_ACCOUNT = 2;
  private static final long SALES_INBOX = 17;

  static {
    CHATWOOT.withAccount(SALES_ACCOUNT, SALES_INBOX);
  }

  @DynamicPropertySource
  static void routes(DynamicPropertyRegistry registry) {
    registry.add("handoff.routes[0].name", () -> "support");
    registry.add("handoff.routes[0].phone-number-ids[0]", () -> "pn-support");
    registry.add("handoff.routes[0].account-id", () -> "1");
    registry.add("handoff.routes[0].inbox-id", CHATWOOT::apiInboxId);
    registry.add("handoff.routes[1].name", () -> "sales");
    registry.add("handoff.routes[1].phone-number-ids[0]", () -> "pn-sales");
    registry.add("handoff.routes[1].assistant-ids[0]", () -> "as-sales");
    registry.add("handoff.routes[1].account-id", () -> String.valueOf(SALES_ACCOUNT));
    registry.add("handoff.routes[1].inbox-id", () -> String.valueOf(SALES_INBOX));
    registry.add("handoff.routes[1].escalation.transfer-number", () -> "+14155550999");
    registry.add("handoff.unmapped-calls", () -> "refuse");
  }

  @Test
  void twoNumbersRoutedToTwoAccountsOpenConversationsInTheRightAccountAndInbox() {
    String supportCustomer = "+14155550401";
    String salesCustomer = "+14155550402";

    HttpResponse<String> support =
        postVapi(
            Reports.endOfCall("call-route-1", supportCustomer)
                .via("pn-support", "as-any")
                .toString());
    HttpResponse<String> sales =
        postVapi(
            Reports.endOfCall("call-route-2", salesCustomer).via("pn-sales", "as-any").toString());

    assertThat(JSON.readTree(support.body()).path("journeyId").asString())
        .isEqualTo(journeyOf("support", supportCustomer));
    assertThat(JSON.readTree(sales.body()).path("journeyId").asString())
        .isEqualTo(journeyOf("sales", salesCustomer));
    awaitJourney(
        journeyOf("support", supportCustomer), s -> s.stage() == JourneyStage.WAITING_FOR_REPLY);
    awaitJourney(
        journeyOf("sales", salesCustomer), s -> s.stage() == JourneyStage.WAITING_FOR_REPLY);
    assertThat(conversationFor(supportCustomer, 1).path("inbox_id").asLong())
        .isEqualTo(CHATWOOT.apiInboxId());
    assertThat(conversationFor(salesCustomer, SALES_ACCOUNT).path("inbox_id").asLong())
        .isEqualTo(SALES_INBOX);
    assertThat(conversationFor(supportCustomer, SALES_ACCOUNT).isMissingNode()).isTrue();
    assertThat(conversationFor(salesCustomer, 1).isMissingNode()).isTrue();
  }

  @Test
  void aCallOnAnUnmappedNumberTakesTheRouteOfItsAssistant() {
    String customer = "+14155550403";

    HttpResponse<String> response =
        postVapi(
            Reports.endOfCall("call-route-3", customer).via("pn-unknown", "as-sales").toString());

    assertThat(JSON.readTree(response.body()).path("journeyId").asString())
        .isEqualTo(journeyOf("sales", customer));
    awaitJourney(journeyOf("sales", customer), s -> s.conversationId() != null);
    assertThat(conversationFor(customer, SALES_ACCOUNT).isMissingNode()).isFalse();
  }

  @Test
  void aCustomerWhoCallsBothTeamsHasAJourneyAndAConversationWithEach() {
    String customer = "+14155550404";

    postVapi(Reports.endOfCall("call-route-4a", customer).via("pn-support", null).toString());
    postVapi(Reports.endOfCall("call-route-4b", customer).via("pn-sales", null).toString());

    awaitJourney(journeyOf("support", customer), s -> s.conversationId() != null);
    awaitJourney(journeyOf("sales", customer), s -> s.conversationId() != null);
    assertThat(conversationFor(customer, 1)).isNotNull();
    assertThat(conversationFor(customer, SALES_ACCOUNT).isMissingNode()).isFalse();
  }

  @Test
  void aCallNoRouteTakesIsRefusedWithAClearProblemAndStartsNothing() {
    String customer = "+14155550405";

    HttpResponse<String> response =
        postVapi(
            Reports.endOfCall("call-route-5", customer).via("pn-unknown", "as-unknown").toString());

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(JSON.readTree(response.body()).path("detail").asString())
        .contains("call-route-5", "pn-unknown", "handoff.routes", "handoff.unmapped-calls");
    assertThat(CHATWOOT.contactsWithPhone(customer)).isEmpty();
    assertThat(journeyExists(journeyOf(customer))).isFalse();
  }

  @Test
  void aTransferRequestGetsTheHumanLineOfTheCallersTeam() {
    String customer = "+14155550406";
    postVapi(Reports.endOfCall("call-route-6", customer).via("pn-sales", null).toString());
    awaitJourney(journeyOf("sales", customer), s -> s.conversationId() != null);

    JsonNode transfer =
        JSON.readTree(
            postVapi(
                    Reports.endOfCall("call-route-6b", customer)
                        .via("pn-sales", null)
                        .type("transfer-destination-request")
                        .toString())
                .body());

    assertThat(transfer.path("destination").path("number").asString()).isEqualTo("+14155550999");
  }

  private static JsonNode conversationFor(String phone, long account) {
    List<JsonNode> contacts = CHATWOOT.contactsWithPhone(phone);
    return CHATWOOT.conversationsInAccount(account).stream()
        .filter(
            c ->
                contacts.stream()
                    .anyMatch(
                        contact -> contact.path("id").asLong() == c.path("contact_id").asLong()))
        .findFirst()
        .orElse(tools.jackson.databind.node.MissingNode.getInstance());
  }

  private boolean journeyExists(String journeyId) {
    try {
      temporal.newUntypedWorkflowStub(journeyId).describe();
      return true;
    } catch (RuntimeException notFound) {
      return false;
    }
  }
}
