package org.handoffengine.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The contacts' answers as Chatwoot gives them, from indexes rather than scans: search by any part
 * of name, email, phone or identifier within the account, and the account's unique values.
 */
class ChatwootContactsTest {

  private static final long ACCOUNT = 1;
  private static final long OTHER_ACCOUNT = 2;
  private static final long INBOX = 7;

  private final ObjectMapper json = JsonMapper.builder().build();
  private final ChatwootContacts contacts = new ChatwootContacts(json);

  @BeforeEach
  void empty() {
    contacts.reset();
  }

  @Test
  void searchFindsAnyPartOfAnyFieldWithoutCaseInTheAccountOnly() {
    create(ACCOUNT, Map.of("name", "Ada Lovelace", "phone_number", "+15550001111"));
    create(ACCOUNT, Map.of("name", "Grace", "email", "Grace@Example.com"));
    create(ACCOUNT, Map.of("identifier", "vapi-call:abc"));
    create(OTHER_ACCOUNT, Map.of("name", "Ada Other", "phone_number", "+15550001111"));

    assertThat(namesFound("ada", ACCOUNT)).containsExactly("Ada Lovelace");
    assertThat(namesFound("+1555000", ACCOUNT)).containsExactly("Ada Lovelace");
    assertThat(namesFound("grace@example", ACCOUNT)).containsExactly("Grace");
    assertThat(found("vapi-call:ABC", ACCOUNT)).hasSize(1);
    assertThat(found("", ACCOUNT)).isEmpty();
    assertThat(namesFound("ada", OTHER_ACCOUNT)).containsExactly("Ada Other");
  }

  @Test
  void phoneIdentifierAndEmailAreUniqueInTheAccountEmailWithoutCase() {
    create(ACCOUNT, Map.of("phone_number", "+15550001111", "identifier", "id-1", "email", "a@b.c"));

    assertThat(refusal(ACCOUNT, Map.of("phone_number", "+15550001111")))
        .isEqualTo("Phone number has already been taken");
    assertThat(refusal(ACCOUNT, Map.of("identifier", "id-1")))
        .isEqualTo("Identifier has already been taken");
    assertThat(refusal(ACCOUNT, Map.of("email", "A@B.C")))
        .isEqualTo("Email has already been taken");
    assertThat(create(OTHER_ACCOUNT, Map.of("phone_number", "+15550001111")).status())
        .isEqualTo(200);
  }

  @Test
  void aSourceIdNamesOneContactInItsInboxAndAccountAndIsTakenOnce() {
    JsonNode created =
        body(create(ACCOUNT, Map.of("phone_number", "+15550002222", "inbox_id", INBOX)))
            .path("payload");
    String sourceId = created.path("contact_inbox").path("source_id").asString();
    long id = created.path("contact").path("id").asLong();

    assertThat(contacts.withSourceId(sourceId, ACCOUNT, INBOX).get("id").asLong()).isEqualTo(id);
    assertThat(contacts.withSourceId(sourceId, ACCOUNT, INBOX + 1)).isNull();
    assertThat(contacts.withSourceId(sourceId, OTHER_ACCOUNT, INBOX)).isNull();
    assertThat(contacts.withSourceId("unknown", ACCOUNT, INBOX)).isNull();

    long otherId =
        body(create(ACCOUNT, Map.of("phone_number", "+15550003333")))
            .path("payload")
            .path("contact")
            .path("id")
            .asLong();
    SandboxResponse taken =
        contacts.createContactInbox(
            otherId,
            json.valueToTree(Map.of("inbox_id", INBOX, "source_id", sourceId)),
            ACCOUNT,
            INBOX);
    assertThat(taken.status()).isEqualTo(422);
    SandboxResponse fresh =
        contacts.createContactInbox(
            otherId,
            json.valueToTree(Map.of("inbox_id", INBOX, "source_id", "s-2")),
            ACCOUNT,
            INBOX);
    assertThat(fresh.status()).isEqualTo(200);
    assertThat(contacts.withSourceId("s-2", ACCOUNT, INBOX).get("id").asLong()).isEqualTo(otherId);
  }

  private SandboxResponse create(long account, Map<String, Object> fields) {
    return contacts.create(json.valueToTree(fields), account, INBOX);
  }

  private String refusal(long account, Map<String, Object> fields) {
    SandboxResponse answer = create(account, fields);
    assertThat(answer.status()).isEqualTo(422);
    return ((Map<?, ?>) answer.body()).get("message").toString();
  }

  private List<JsonNode> found(String q, long account) {
    return List.copyOf(body(contacts.search(q, account)).path("payload").valueStream().toList());
  }

  private List<String> namesFound(String q, long account) {
    return found(q, account).stream().map(c -> c.path("name").asString()).toList();
  }

  private JsonNode body(SandboxResponse answer) {
    assertThat(answer.status()).isEqualTo(200);
    return json.valueToTree(answer.body());
  }
}
