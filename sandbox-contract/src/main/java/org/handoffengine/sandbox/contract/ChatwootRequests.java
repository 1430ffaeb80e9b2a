package org.handoffengine.sandbox.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.handoffengine.sandbox.RecordedRequest;

/**
 * A request the engine sent to Chatwoot, checked against Chatwoot's published Application API
 * ({@code shared/contracts/chatwoot/spec/application_swagger.json}) with the allowances its
 * contracts README names: the spec writes some inbox paths with a trailing slash and others
 * without, so both are tried; and {@code POST /contacts/{id}/contact_inboxes} is missing from that
 * copy of the spec (chatwoot/chatwoot#12838), so its body is checked by hand against {@code
 * ContactInboxesController}: {@code inbox_id} a number, required; {@code source_id} a string; no
 * query string.
 */
public final class ChatwootRequests {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern CONTACT_INBOXES =
      Pattern.compile("/api/v1/accounts/\\d+/contacts/\\d+/contact_inboxes");

  private ChatwootRequests() {}

  public static List<String> violations(OpenApiContract spec, RecordedRequest request) {
    return violations(spec, request.method(), request.path(), request.query(), request.body());
  }

  /** A request without a query string. */
  public static List<String> violations(
      OpenApiContract spec, String method, String path, String body) {
    return violations(spec, method, path, Map.of(), body);
  }

  public static List<String> violations(
      OpenApiContract spec, String method, String path, Map<String, String> query, String body) {
    if (method.equals("POST") && CONTACT_INBOXES.matcher(path).matches()) {
      return contactInbox(query, body);
    }
    List<String> violations = spec.validateRequest(method, path, query, body);
    if (violations.size() == 1 && notDocumented(violations.get(0))) {
      String other = path.endsWith("/") ? path.substring(0, path.length() - 1) : path + "/";
      List<String> again = spec.validateRequest(method, other, query, body);
      return again.size() == 1 && notDocumented(again.get(0)) ? violations : again;
    }
    return violations;
  }

  private static boolean notDocumented(String violation) {
    return violation.contains("no such path") || violation.contains("documents no");
  }

  private static List<String> contactInbox(Map<String, String> query, String body) {
    List<String> violations = new ArrayList<>();
    // Nothing documents a query parameter here; the engine sends inbox_id and source_id as JSON.
    query
        .keySet()
        .forEach(name -> violations.add("contact_inboxes: unexpected query parameter " + name));
    try {
      JsonNode request = JSON.readTree(body == null ? "{}" : body);
      if (!request.path("inbox_id").isNumber()) {
        violations.add(
            "contact_inboxes: inbox_id must be a number (ContactInboxesController finds the inbox by it)");
      }
      if (request.has("source_id") && !request.get("source_id").isTextual()) {
        violations.add("contact_inboxes: source_id must be a string");
      }
    } catch (IOException e) {
      violations.add("contact_inboxes: body is not JSON");
    }
    return violations;
  }
}
