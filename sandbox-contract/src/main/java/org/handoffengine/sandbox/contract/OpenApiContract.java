package org.handoffengine.sandbox.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.handoffengine.sandbox.RecordedRequest;

/**
 * Validates JSON bodies, and the query strings of requests, against a platform's published OpenAPI
 * 3 or Swagger 2 document.
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

  // A query value is always a string: type-loose validation reads "100" as the number a
  // "type: number" parameter declares (and enforces its minimum and maximum), "true" as a
  // boolean, and one value as a one-element array. Formats (date-time) are asserted, not annotated.
  private static final SchemaValidatorsConfig QUERY_CONFIG =
      SchemaValidatorsConfig.builder()
          .preloadJsonSchema(false)
          .cacheRefs(false)
          .typeLoose(true)
          .formatAssertionsEnabled(true)
          .build();

  /** Keys of a Swagger 2 parameter that describe the parameter, not its value. */
  private static final List<String> PARAMETER_KEYS =
      List.of("name", "in", "required", "description", "allowEmptyValue", "collectionFormat");

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

  /** Validates a request a sandbox recorded: its method, path, query string and body. */
  public List<String> validateRequest(RecordedRequest request) {
    return validateRequest(request.method(), request.path(), request.query(), request.body());
  }

  /** Validates a request without a query string; see {@link #validateRequest(RecordedRequest)}. */
  public List<String> validateRequest(String method, String concretePath, String body) {
    return validateRequest(method, concretePath, Map.of(), body);
  }

  /**
   * Validates a request the engine sent: the path must be a documented operation, the method one of
   * its methods, the query parameters ones the operation (or its path) declares, with every
   * required one present and each value satisfying its parameter's schema, and the body must
   * satisfy the operation's request schema.
   */
  public List<String> validateRequest(
      String method, String concretePath, Map<String, String> query, String body) {
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
    List<String> violations = new ArrayList<>(queryViolations(template, verb, methods, query));
    Optional<String> schema = requestSchemaPointer(template, verb, methods.get(verb));
    if (schema.isPresent() && body != null && !body.isBlank()) {
      validate(body, schema.get()).forEach(violations::add);
    }
    return violations.stream().map(v -> method + " " + template + ": " + v).toList();
  }

  private List<String> queryViolations(
      String template, String verb, JsonNode methods, Map<String, String> query) {
    // Pointer to each query parameter the operation takes, by name; the operation's own
    // declarations override its path's.
    Map<String, String> declared = new LinkedHashMap<>();
    String path = "#/paths/" + escape(template);
    queryParameters(methods.path("parameters"), path + "/parameters", declared);
    queryParameters(
        methods.path(verb).path("parameters"), path + "/" + verb + "/parameters", declared);

    List<String> violations = new ArrayList<>();
    for (String name : query.keySet()) {
      if (!declared.containsKey(name)) {
        violations.add(
            "query parameter " + name + " is not one the spec declares " + declared.keySet());
      }
    }
    declared.forEach(
        (name, pointer) -> {
          JsonNode parameter = at(pointer);
          String value = query.get(name);
          if (value == null) {
            if (parameter.path("required").asBoolean(false)) {
              violations.add("required query parameter " + name + " is missing");
            }
            return;
          }
          querySchema(pointer, parameter).validate(TextNode.valueOf(value)).stream()
              .map(m -> "query parameter " + name + "=" + value + ": " + m.getMessage())
              .sorted()
              .forEach(violations::add);
        });
    return violations;
  }

  private void queryParameters(JsonNode parameters, String base, Map<String, String> declared) {
    for (int i = 0; i < parameters.size(); i++) {
      String pointer = base + "/" + i;
      JsonNode ref = parameters.get(i).path("$ref");
      if (ref.isTextual() && ref.asText().startsWith("#/")) {
        pointer = ref.asText(); // #/components/parameters/page, #/parameters/page
      }
      JsonNode parameter = at(pointer);
      if ("query".equals(parameter.path("in").asText())) {
        declared.put(parameter.path("name").asText(), pointer);
      }
    }
  }

  /** OpenAPI 3 puts a parameter's value schema under {@code schema}; Swagger 2 inline. */
  private JsonSchema querySchema(String pointer, JsonNode parameter) {
    return schemas.computeIfAbsent(
        "query:" + pointer,
        p -> {
          if (parameter.has("schema")) {
            return factory.getSchema(
                SchemaLocation.of(SPEC_URI + pointer + "/schema"), QUERY_CONFIG);
          }
          ObjectNode value = parameter.deepCopy();
          value.remove(PARAMETER_KEYS);
          return factory.getSchema(value, QUERY_CONFIG);
        });
  }

  private JsonNode at(String pointer) {
    return spec.at(pointer.substring(1));
  }

  /**
   * The path item a concrete path names. As OpenAPI prescribes, a concrete path beats a templated
   * one: {@code /contacts/search} is not {@code /contacts/{id}}, so the template with the fewest
   * variables wins.
   */
  private Optional<Map.Entry<String, JsonNode>> operationFor(String concretePath) {
    String basePath = spec.path("basePath").asText("");
    Map.Entry<String, JsonNode> best = null;
    long bestVariables = Long.MAX_VALUE;
    for (Iterator<Map.Entry<String, JsonNode>> paths = spec.path("paths").fields();
        paths.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = paths.next();
      String template = basePath.replaceAll("/$", "") + entry.getKey();
      String regex = "\\Q" + template.replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q") + "\\E";
      long variables = entry.getKey().chars().filter(c -> c == '{').count();
      if (variables < bestVariables && Pattern.matches(regex, concretePath)) {
        best = Map.entry(entry.getKey(), entry.getValue());
        bestVariables = variables;
      }
    }
    return Optional.ofNullable(best);
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
