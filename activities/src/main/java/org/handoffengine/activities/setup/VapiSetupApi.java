package org.handoffengine.activities.setup;

import java.util.Map;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PatchExchange;
import org.springframework.web.service.annotation.PostExchange;
import tools.jackson.databind.JsonNode;

/**
 * What {@code setup} reads and writes in Vapi: the assistant's server settings and the engine's
 * tools.
 */
@HttpExchange(accept = "application/json", contentType = "application/json")
public interface VapiSetupApi {

  @GetExchange("/assistant/{id}")
  JsonNode assistant(@PathVariable String id);

  @PatchExchange("/assistant/{id}")
  JsonNode updateAssistant(@PathVariable String id, @RequestBody Map<String, Object> changes);

  @GetExchange("/tool")
  JsonNode tools();

  @PostExchange("/tool")
  JsonNode createTool(@RequestBody Map<String, Object> tool);

  @PatchExchange("/tool/{id}")
  JsonNode updateTool(@PathVariable String id, @RequestBody Map<String, Object> changes);
}
