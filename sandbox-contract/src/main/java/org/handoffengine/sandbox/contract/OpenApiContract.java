package org.handoffengine.sandbox.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Validates JSON bodies against a platform's published OpenAPI 3 or Swagger 2 document.
 *
 * <p>Vapi's generated spec has defects a strict validator trips on (its contracts README):
 * overlapping {@code oneOf} lists, {@code enum}s placed on arrays, and JavaScript-literal {@code
 * pattern}s. They are relaxed once, when the spec is loaded: {@code oneOf} becomes {@code anyOf},
 * array-level {@code enum}s and all {@code pattern}s are dropped, OpenAPI 3.0's {@code nullable}
 * admits null, and {@code type: object} is dropped where it sits on a string enum or on bare array
 * items ({@code BackoffPlan.type}, {@code excludedStatusCodes}).
 */
public final class OpenApiContract {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<Path, OpenApiContract> LOADED = new ConcurrentHashMap<>();

  /** The document's address inside the validator; never fetched over the network. */
  private static final String SPEC_URI = "https://contracts.handoff.invalid/spec.json";

  // Lazy $ref resolution: Vapi's spec reaches hundreds of schemas from a message, and preloading
  // (or caching) every reference graph runs a test JVM out of memory.
  private static final SchemaValidatorsConfig CONFIG =
      SchemaValidatorsConfig.builder().preloadJsonSchema(false).cacheRefs(false).build();

  private final JsonNode spec;
  private final JsonSchemaFactory factory;
  private final Map<String, JsonSchema> schemas = new ConcurrentHashMap<>();

  private OpenApiContract(JsonNode spec) {
    this.spec = spec;
    String text = spec.toString();
    this.factory =
        JsonSchemaFactory.getInstance(
            SpecVersion.VersionFlag.V201909,
            builder -> builder.schemaLoaders(loaders -> loaders.schemas(Map.of(SPEC_URI, text))));
  }

  /** Loads (once per JVM and file) and relaxes the spec. */
  public static OpenApiContract load(Path file) {
    return LOADED.computeIfAbsent(
        file.toAbsolutePath().normalize(),
        f -> {
          try {
            return new OpenApiContract(relax(JSON.readTree(f.toFile())));
          } catch (IOException e) {
            throw new UncheckedIOException("cannot read API spec " + f, e);
          }
        });
  }

  static OpenApiContract of(JsonNode spec) {
    return new OpenApiContract(relax(spec.deepCopy()));
  }

  /**
   * Violations of the schema at {@code pointer} (e.g. {@code #/components/schemas/CreateCallDTO});
   * empty when valid.
   */
  public List<String> validate(String json, String pointer) {
    JsonSchema schema = schemas.computeIfAbsent(pointer, this::schemaAt);
    try {
      return schema.validate(JSON.readTree(json)).stream()
          .map(ValidationMessage::getMessage)
          .sorted()
          .toList();
    } catch (IOException e) {
      return List.of("body is not JSON: " + e.getMessage());
    }
  }

  /**
   * Validates a request the engine sent: the path must be a documented operation, the method one of
   * its methods, and the body must satisfy the operation's request schema.
   */
  public List<String> validateRequest(String method, String concretePath, String body) {
    Optional<Map.Entry<String, JsonNode>> operation = operationFor(concretePath);
    if (operation.isEmpty()) {
      return List.of(method + " " + concretePath + ": no such path in the spec");
    }
    String template = operation.get().getKey();
    JsonNode methods = operation.get().getValue();
    String verb = method.toLowerCase();
    if (!methods.has(verb)) {
      return List.of(
          method + " " + concretePath + ": the spec documents no " + method + " on " + template);
    }
    Optional<String> schema = requestSchemaPointer(template, verb, methods.get(verb));
    if (schema.isEmpty() || body == null || body.isBlank()) {
      return List.of();
    }
    return validate(body, schema.get()).stream()
        .map(v -> method + " " + template + ": " + v)
        .toList();
  }

  private Optional<Map.Entry<String, JsonNode>> operationFor(String concretePath) {
    String basePath = spec.path("basePath").asText("");
    for (Iterator<Map.Entry<String, JsonNode>> paths = spec.path("paths").fields();
        paths.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = paths.next();
      String template = basePath.replaceAll("/$", "") + entry.getKey();
      String regex = "\\Q" + template.replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q") + "\\E";
      if (Pattern.matches(regex, concretePath)) {
        return Optional.of(Map.entry(entry.getKey(), entry.getValue()));
      }
    }
    return Optional.empty();
  }

  private static Optional<String> requestSchemaPointer(
      String template, String verb, JsonNode operation) {
    String base = "#/paths/" + escape(template) + "/" + verb;
    if (operation.path("requestBody").path("content").has("application/json")) {
      return Optional.of(base + "/requestBody/content/application~1json/schema");
    }
    JsonNode parameters = operation.path("parameters");
    for (int i = 0; i < parameters.size(); i++) {
      if ("body".equals(parameters.get(i).path("in").asText())) {
        return Optional.of(base + "/parameters/" + i + "/schema");
      }
    }
    return Optional.empty();
  }

  private JsonSchema schemaAt(String pointer) {
    return factory.getSchema(SchemaLocation.of(SPEC_URI + pointer), CONFIG);
  }

  private static String escape(String template) {
    return template.replace("~", "~0").replace("/", "~1");
  }

  private static JsonNode relax(JsonNode node) {
    if (node instanceof ObjectNode object) {
      if (object.has("oneOf")) {
        object.set("anyOf", object.remove("oneOf"));
      }
      if (object.path("pattern").isTextual()) {
        object.remove("pattern"); // a schema keyword, not a property named "pattern"
      }
      if ("array".equals(object.path("type").asText()) && object.has("enum")) {
        object.remove("enum");
      }
      // BackoffPlan.type is typed "object" with string values, and excludedStatusCodes' items
      // "object" though they are status codes: where the spec says object and means a value, the
      // enum (or nothing) is the rule.
      if ("object".equals(object.path("type").asText())
          && object.path("enum").path(0).isTextual()) {
        object.remove("type");
      }
      if ("object".equals(object.path("items").path("type").asText())
          && object.path("items").size() == 1) {
        ((ObjectNode) object.get("items")).remove("type");
      }
      if (object.path("nullable").asBoolean(false)) {
        object.remove("nullable");
        ObjectNode copy = object.deepCopy();
        object.removeAll();
        ArrayNode anyOf = object.putArray("anyOf");
        anyOf.add(copy);
        anyOf.add(JsonNodeFactory.instance.objectNode().put("type", "null"));
      }
      List<String> names = new ArrayList<>();
      object.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        relax(object.get(name));
      }
    } else if (node instanceof ArrayNode array) {
      array.forEach(OpenApiContract::relax);
    }
    return node;
  }
}
