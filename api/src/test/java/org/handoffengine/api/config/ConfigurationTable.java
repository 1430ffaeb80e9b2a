package org.handoffengine.api.config;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The README's configuration table, written from the configuration metadata every module's {@code
 * spring-boot-configuration-processor} generates: the records' {@code @DefaultValue}s and
 * {@code @param} Javadoc, plus each module's {@code additional-spring-configuration-metadata.json}.
 * A setting whose record component is {@code @NotNull} or {@code @NotBlank} and has no default is
 * "required".
 */
final class ConfigurationTable {

  static final String START =
      "<!-- config-table:start: generated from the configuration metadata, see ConfigurationTableTest -->";
  static final String END = "<!-- config-table:end -->";

  private static final String METADATA = "META-INF/spring-configuration-metadata.json";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private ConfigurationTable() {}

  /** The table, header included, one row per setting in name order. */
  static String markdown() {
    StringBuilder table = new StringBuilder();
    table.append("| Setting | Environment | Default | What it is |\n");
    table.append("| --- | --- | --- | --- |\n");
    properties()
        .forEach(
            (name, property) ->
                table
                    .append("| `")
                    .append(name)
                    .append("` | `")
                    .append(environmentName(name))
                    .append("` | ")
                    .append(defaultOf(property))
                    .append(" | ")
                    .append(description(property))
                    .append(" |\n"));
    return table.toString();
  }

  /** {@code readme} with the text between the markers replaced by {@link #markdown()}. */
  static String into(String readme) {
    int start = readme.indexOf(START);
    int end = readme.indexOf(END);
    if (start < 0 || end < start) {
      throw new IllegalStateException("README.md has no " + START + " ... " + END + " markers");
    }
    return readme.substring(0, start + START.length()) + "\n" + markdown() + readme.substring(end);
  }

  /** The engine's settings: every property in a metadata file of the engine's own modules. */
  private static Map<String, JsonNode> properties() {
    Map<String, JsonNode> properties = new TreeMap<>();
    try {
      for (URL url :
          Collections.list(ConfigurationTable.class.getClassLoader().getResources(METADATA))) {
        JsonNode metadata;
        try (InputStream in = url.openStream()) {
          metadata = JSON.readTree(in);
        }
        List<JsonNode> entries = new ArrayList<>();
        metadata.path("properties").forEach(entries::add);
        boolean ours =
            entries.stream()
                .anyMatch(p -> p.path("sourceType").asString("").startsWith("org.handoffengine."));
        if (ours) {
          entries.forEach(p -> properties.putIfAbsent(p.path("name").asString(), p));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties;
  }

  /**
   * The environment variable of the setting, as the engine names them ({@code api-token} → {@code
   * API_TOKEN}).
   */
  static String environmentName(String property) {
    return property.replace('-', '_').replace('.', '_').toUpperCase(Locale.ROOT);
  }

  private static String defaultOf(JsonNode property) {
    JsonNode value = property.path("defaultValue");
    if (value.isMissingNode() || value.isNull()) {
      return required(property) ? "required" : "none";
    }
    String text =
        value.isArray()
            ? value.valueStream().map(JsonNode::asString).collect(Collectors.joining(","))
            : value.asString();
    // The processor writes a record's array default as one string, "[a, b]".
    if (text.startsWith("[") && text.endsWith("]")) {
      text = text.substring(1, text.length() - 1).replace(", ", ",");
    }
    return "`" + text + "`";
  }

  /** Whether the record component the setting binds to must be set. */
  private static boolean required(JsonNode property) {
    String name = property.path("name").asString();
    String component = camelCase(name.substring(name.lastIndexOf('.') + 1));
    try {
      Class<?> type = Class.forName(property.path("sourceType").asString());
      if (!type.isRecord()) {
        return false;
      }
      for (RecordComponent candidate : type.getRecordComponents()) {
        if (candidate.getName().equals(component)) {
          // Bean Validation's annotations do not target record components; they reach the accessor.
          Method accessor = candidate.getAccessor();
          return accessor.isAnnotationPresent(NotNull.class)
              || accessor.isAnnotationPresent(NotBlank.class);
        }
      }
      return false;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  private static String camelCase(String kebab) {
    StringBuilder camel = new StringBuilder();
    boolean upper = false;
    for (char c : kebab.toCharArray()) {
      if (c == '-') {
        upper = true;
      } else {
        camel.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return camel.toString();
  }

  /** The Javadoc text as Markdown on one line: {@code {@code x}} becomes {@code `x`}. */
  private static String description(JsonNode property) {
    String text = property.path("description").asString("");
    text =
        text.replaceAll("\\{@code\\s+([^{}]*)}", "`$1`")
            .replaceAll("\\{@link\\s+([^{}#]*)#?([^{}]*)}", "$1")
            .replaceAll("\\s+", " ")
            .replace("|", "\\|")
            .strip();
    if (text.endsWith(".")) {
      text = text.substring(0, text.length() - 1);
    }
    return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }
}
