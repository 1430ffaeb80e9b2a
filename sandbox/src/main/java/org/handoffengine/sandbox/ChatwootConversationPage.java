package org.handoffengine.sandbox;

import java.util.List;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The sandbox's stand-in for Chatwoot's conversation screen ({@code
 * /app/accounts/{account}/conversations/{id}}): the conversation's messages, and each dashboard app
 * of the account as a tab holding an iframe. It hands the apps their context the way Chatwoot's
 * {@code DashboardApp/Frame.vue} does: on the iframe's load, and again to the frame that posts
 * {@code chatwoot-dashboard-app:fetch-info}, as the JSON string {@code
 * {"event":"appContext","data":{"conversation","contact","currentAgent"}}} sent with target origin
 * {@code *}.
 */
final class ChatwootConversationPage {

  static final Pattern PATH = Pattern.compile("/app/accounts/(\\d+)/conversations/(\\d+)");

  private ChatwootConversationPage() {}

  static String render(
      ObjectMapper json,
      JsonNode conversation,
      JsonNode contact,
      List<JsonNode> messages,
      List<JsonNode> apps,
      JsonNode agent) {
    ObjectNode context = json.createObjectNode();
    ObjectNode chat = (ObjectNode) conversation.deepCopy();
    chat.set(
        "messages",
        json.valueToTree(messages.subList(Math.max(0, messages.size() - 20), messages.size())));
    context.set("conversation", chat);
    context.set("contact", contact);
    context.set("currentAgent", agent);
    StringBuilder page = new StringBuilder();
    page.append(
            "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Conversation ")
        .append(conversation.path("id").asLong())
        .append(" · Chatwoot sandbox</title><style>")
        .append(
            "body{margin:0;font:14px/1.45 system-ui,sans-serif;display:flex;height:100vh;background:#f5f7fa;color:#1f2d3d}")
        .append(
            ".chat{flex:1 1 52%;overflow:auto;padding:16px 20px;border-right:1px solid #dde3ea;background:#fff}")
        .append(
            ".chat h1{font-size:16px;margin:0 0 12px}.msg{margin:8px 0;padding:8px 12px;border-radius:8px;max-width:88%;white-space:pre-wrap;word-wrap:break-word}")
        .append(
            ".in{background:#eef1f5}.out{background:#d9ecff;margin-left:auto}.note{background:#fff5cc;margin-left:auto;border:1px solid #f0d66b}")
        .append(".who{display:block;font-size:11px;color:#6b7c93;margin-bottom:2px}")
        .append(
            ".apps{flex:1 1 48%;display:flex;flex-direction:column}.tabs{display:flex;gap:4px;padding:8px 12px 0;background:#f5f7fa}")
        .append(
            ".tabs span{padding:6px 12px;background:#fff;border:1px solid #dde3ea;border-bottom:none;border-radius:6px 6px 0 0;font-weight:600}")
        .append(
            "iframe{flex:1;border:0;border-top:1px solid #dde3ea;background:#fff;width:100%}</style></head><body>");
    page.append("<section class=\"chat\"><h1>")
        .append(escape(contact.path("name").asString("Contact")))
        .append(" · conversation #")
        .append(conversation.path("id").asLong())
        .append("</h1>");
    for (JsonNode message : messages) {
      boolean note = message.path("private").asBoolean(false);
      String kind = note ? "note" : message.path("message_type").asInt() == 0 ? "in" : "out";
      page.append("<div class=\"msg ")
          .append(kind)
          .append("\"><span class=\"who\">")
          .append(escape(message.path("sender").path("name").asString("")))
          .append(note ? " · private note" : "")
          .append("</span>")
          .append(escape(message.path("content").asString("")))
          .append("</div>");
    }
    page.append("</section><section class=\"apps\"><div class=\"tabs\">");
    for (JsonNode app : apps) {
      page.append("<span>").append(escape(app.path("title").asString())).append("</span>");
    }
    page.append("</div>");
    int index = 0;
    for (JsonNode app : apps) {
      for (JsonNode frame : app.path("content")) {
        if ("frame".equals(frame.path("type").asString()) && frame.path("url").isString()) {
          page.append("<iframe id=\"dashboard-app--frame-0-")
              .append(index++)
              .append("\" src=\"")
              .append(escape(frame.path("url").asString()))
              .append("\"></iframe>");
        }
      }
    }
    page.append("</section><script type=\"application/json\" id=\"app-context\">")
        .append(json.writeValueAsString(context).replace("<", "\\u003c"))
        .append("</script><script>")
        .append(
            "const chat = document.querySelector('.chat'); chat.scrollTop = chat.scrollHeight;") // newest messages in view, as in Chatwoot
        .append("const context = JSON.parse(document.getElementById('app-context').textContent);")
        .append("const frames = Array.from(document.querySelectorAll('iframe'));")
        .append(
            "const send = w => w.postMessage(JSON.stringify({event: 'appContext', data: context}), '*');")
        .append("frames.forEach(f => f.addEventListener('load', () => send(f.contentWindow)));")
        .append("window.onmessage = e => {")
        .append(
            " if (typeof e.data !== 'string' || e.data !== 'chatwoot-dashboard-app:fetch-info') return;")
        .append(
            " const frame = frames.find(f => f.contentWindow === e.source); if (frame) send(frame.contentWindow); };")
        .append("</script></body></html>");
    return page.toString();
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;")
        .replace("'", "&#39;");
  }
}
