package org.handoffengine.activities.vapi;

import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;
import tools.jackson.databind.JsonNode;

/** The slice of Vapi's REST API the engine uses (spec: {@code POST /call}, {@code GET /call}). */
@HttpExchange(accept = "application/json")
public interface VapiApi {

  @PostExchange(url = "/call", contentType = "application/json")
  JsonNode createCall(@RequestBody CreateCall body);

  @GetExchange("/call/{id}")
  JsonNode getCall(@PathVariable String id);

  /** A bare JSON array of calls, newest first. */
  @GetExchange("/call")
  List<JsonNode> listCalls(@RequestParam Map<String, String> filters);
}
