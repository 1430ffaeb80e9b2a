package org.handoffengine.activities.setup;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.handoffengine.activities.setup.SetupChange.Action;
import tools.jackson.databind.JsonNode;

/**
 * Makes Vapi talk to the engine: the assistant's server URL, secret header and server messages, and
 * the engine's three function tools (created, or updated when their server or schema drifted).
 * Reads first and writes only what differs.
 */
public final class VapiProvisioning {

  private final VapiSetupApi api;

  public VapiProvisioning(VapiSetupApi api) {
    this.api = api;
  }

  public Map<String, String> provision(
      SetupTarget target, boolean dryRun, List<SetupChange> changes) {
    Map<String, String> settings = new LinkedHashMap<>();
    Map<String, Object> server = server(target);
    assistant(target, server, dryRun, changes);
    List<JsonNode> existing = new ArrayList<>();
    api.tools().forEach(existing::add);
    List<Map<String, Object>> tools = ToolDefinitions.of(target.tools());
    for (Map<String, Object> definition : tools) {
      String id = tool(definition, server, existing, dryRun, changes);
      @SuppressWarnings("unchecked")
      String name = (String) ((Map<String, Object>) definition.get("function")).get("name");
      settings.put("vapi tool " + name, id == null ? "(created on a real run)" : id);
    }
    return settings;
  }

  /**
   * Vapi retries a server message only when its server has a backoff plan (schema {@code
   * BackoffPlan}); without one, the 503 the engine answers while Temporal is unreachable loses the
   * message. Refusals a retry cannot fix are excluded.
   */
  static final Map<String, Object> BACKOFF_PLAN =
      Map.of(
          "type",
          "exponential",
          "maxRetries",
          6,
          "baseDelaySeconds",
          2,
          "excludedStatusCodes",
          List.of(400, 401, 403, 404, 413, 422));

  private Map<String, Object> server(SetupTarget target) {
    Map<String, Object> server = new LinkedHashMap<>();
    server.put("url", target.vapiServerUrl());
    if (target.vapiSecret() != null) {
      // Vapi's legacy secret travels as a header; the engine accepts it in constant time.
      server.put("headers", Map.of("X-Vapi-Secret", target.vapiSecret()));
    }
    server.put("backoffPlan", BACKOFF_PLAN);
    return server;
  }

  private void assistant(
      SetupTarget target, Map<String, Object> server, boolean dryRun, List<SetupChange> changes) {
    if (target.vapiAssistantId() == null) {
      changes.add(
          new SetupChange(
              "vapi", "assistant", Action.SKIP, "handoff.vapi.assistant-id is not set"));
      return;
    }
    JsonNode assistant = api.assistant(target.vapiAssistantId());
    List<String> messages = new ArrayList<>();
    assistant.path("serverMessages").forEach(m -> messages.add(m.asString()));
    boolean sameServer =
        target.vapiServerUrl().equals(assistant.path("server").path("url").asString(null))
            && (target.vapiSecret() == null
                || target
                    .vapiSecret()
                    .equals(
                        assistant
                            .path("server")
                            .path("headers")
                            .path("X-Vapi-Secret")
                            .asString(null)))
            && assistant.path("server").path("backoffPlan").path("maxRetries").asInt(0) > 0;
    String resource = "assistant " + assistant.path("name").asString(target.vapiAssistantId());
    if (sameServer && messages.containsAll(target.serverMessages())) {
      changes.add(
          new SetupChange("vapi", resource, Action.KEEP, "server " + target.vapiServerUrl()));
      return;
    }
    List<String> wanted = new ArrayList<>(messages);
    target.serverMessages().stream().filter(m -> !wanted.contains(m)).forEach(wanted::add);
    if (!dryRun) {
      api.updateAssistant(
          target.vapiAssistantId(), Map.of("server", server, "serverMessages", wanted));
    }
    changes.add(
        new SetupChange(
            "vapi",
            resource,
            Action.UPDATE,
            "server " + target.vapiServerUrl() + " with a backoff plan, serverMessages " + wanted));
  }

  @SuppressWarnings("unchecked")
  private String tool(
      Map<String, Object> definition,
      Map<String, Object> server,
      List<JsonNode> existing,
      boolean dryRun,
      List<SetupChange> changes) {
    Map<String, Object> function = (Map<String, Object>) definition.get("function");
    String name = (String) function.get("name");
    String resource = "tool " + name;
    for (JsonNode tool : existing) {
      if (!"function".equals(tool.path("type").asString())
          || !name.equals(tool.path("function").path("name").asString())) {
        continue;
      }
      String id = tool.path("id").asString();
      boolean sameServer =
          server.get("url").equals(tool.path("server").path("url").asString(null))
              && (!server.containsKey("headers")
                  || ((Map<String, String>) server.get("headers"))
                      .get("X-Vapi-Secret")
                      .equals(
                          tool.path("server")
                              .path("headers")
                              .path("X-Vapi-Secret")
                              .asString(null)));
      boolean sameFunction =
          function
              .get("description")
              .equals(tool.path("function").path("description").asString(null));
      if (sameServer && sameFunction) {
        changes.add(new SetupChange("vapi", resource, Action.KEEP, "id " + id));
      } else {
        if (!dryRun) {
          api.updateTool(id, Map.of("function", function, "server", server));
        }
        changes.add(new SetupChange("vapi", resource, Action.UPDATE, "id " + id));
      }
      return id;
    }
    if (dryRun) {
      changes.add(
          new SetupChange(
              "vapi", resource, Action.CREATE, "function tool, server " + server.get("url")));
      return null;
    }
    Map<String, Object> create = new LinkedHashMap<>(definition);
    create.put("server", server);
    String id = api.createTool(create).path("id").asString();
    changes.add(new SetupChange("vapi", resource, Action.CREATE, "id " + id));
    return id;
  }
}
