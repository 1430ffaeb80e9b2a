package org.handoffengine.activities.vapi;

import java.util.List;
import java.util.Map;
import org.handoffengine.platforms.vapi.VapiCall;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;

/** The slice of Vapi's REST API the engine uses (spec: {@code POST /call}, {@code GET /call}). */
@HttpExchange(accept = "application/json")
public interface VapiApi {

  @PostExchange(url = "/call", contentType = "application/json")
  VapiCall createCall(@RequestBody CreateCall body);

  @GetExchange("/call/{id}")
  VapiCall getCall(@PathVariable String id);

  /** A bare JSON array of calls, newest first. */
  @GetExchange("/call")
  List<VapiCall> listCalls(@RequestParam Map<String, String> filters);
}
