package org.handoffengine.api.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.handoffengine.worker.devserver.LocalTemporalServer;

/**
 * The Temporal the demo runs on. With a {@code temporal} binary at hand ({@code $TEMPORAL_CLI},
 * {@code .tools/bin/temporal}, or the PATH), or with {@code --temporal=dev}: the real server,
 * {@code temporal server start-dev} with its Web UI decoding payloads through the engine's codec
 * endpoint, and payloads encrypted with a key made for this run. Without one, or with {@code
 * --temporal=embedded}: the embedded server, as before. A configured {@code TEMPORAL_ADDRESS} (or
 * {@code --spring.temporal.connection.target}) is used as it is.
 */
final class DemoTemporal implements AutoCloseable {

  static final String OPTION = "--temporal=";

  private final LocalTemporalServer server;
  private final String namespace;
  private final List<String> engineArgs;
  private final String description;

  private DemoTemporal(
      LocalTemporalServer server, String namespace, List<String> engineArgs, String description) {
    this.server = server;
    this.namespace = namespace;
    this.engineArgs = engineArgs;
    this.description = description;
  }

  /**
   * Reads (and removes) {@code --temporal=dev|embedded} from the demo's arguments; starts the
   * server when it is to be used.
   */
  static DemoTemporal choose(String[] args) {
    List<String> rest = new ArrayList<>();
    String wanted = null;
    for (String arg : args) {
      if (arg.startsWith(OPTION)) {
        wanted = arg.substring(OPTION.length());
      } else {
        rest.add(arg);
      }
    }
    if (wanted != null && !wanted.equals("dev") && !wanted.equals("embedded")) {
      throw new IllegalArgumentException(
          OPTION
              + wanted
              + ": use --temporal=dev (temporal server start-dev) or --temporal=embedded");
    }
    if (wanted == null && configuredTarget(rest)) {
      return new DemoTemporal(null, null, rest, "the Temporal server at TEMPORAL_ADDRESS");
    }
    Optional<Path> binary = LocalTemporalServer.findBinary();
    if ("embedded".equals(wanted) || (wanted == null && binary.isEmpty())) {
      return new DemoTemporal(
          null,
          null,
          rest,
          "the embedded Temporal server (in memory; no Web UI)"
              + (binary.isEmpty()
                  ? ": no temporal binary found (bash deploy/dev/install-temporal-cli.sh, or TEMPORAL_CLI)"
                  : ""));
    }
    Path cli =
        binary.orElseThrow(
            () ->
                new IllegalStateException(
                    "--temporal=dev needs the temporal CLI: run bash deploy/dev/install-temporal-cli.sh, put temporal on the PATH, or set TEMPORAL_CLI"));
    return startDev(cli, rest);
  }

  private static DemoTemporal startDev(Path cli, List<String> rest) {
    int enginePort = enginePort(rest);
    String namespace =
        Optional.ofNullable(System.getenv("TEMPORAL_NAMESPACE"))
            .filter(n -> !n.isBlank())
            .orElse("default");
    LocalTemporalServer.Options options =
        LocalTemporalServer.Options.defaults()
            .withNamespaces(namespace.equals("default") ? List.of() : List.of(namespace))
            .withUi("http://127.0.0.1:" + enginePort + "/codec");
    LocalTemporalServer server;
    try {
      server = LocalTemporalServer.start(cli, options);
    } catch (IllegalStateException portTakenMeanwhile) {
      // Its free ports are picked before it binds them; on a busy machine another process can win
      // one.
      server = LocalTemporalServer.start(cli, options);
    }
    String ui = server.uiUrl().orElseThrow();
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    byte[] idKey = new byte[32];
    new SecureRandom().nextBytes(idKey);
    List<String> engineArgs = new ArrayList<>(rest);
    // Command-line arguments: they outrank application.yaml's empty TEMPORAL_ADDRESS default.
    engineArgs.addAll(
        List.of(
            "--server.port=" + enginePort,
            "--spring.temporal.connection.target=" + server.target(),
            "--spring.temporal.test-server.enabled=false",
            "--spring.temporal.namespace=" + namespace,
            // The browser on the UI's page calls the codec; the UI sends no token without OIDC, and
            // the
            // demo's engine listens on loopback only.
            "--handoff.codec.allowed-origins=" + ui + "," + ui.replace("127.0.0.1", "localhost"),
            "--handoff.codec.require-token=false",
            "--server.address=127.0.0.1",
            // A key for this run only: what Temporal stores is ciphertext, and the UI decodes it
            // through the engine.
            "--handoff.encryption.key-id=demo",
            "--handoff.encryption.keys.demo=" + Base64.getEncoder().encodeToString(key),
            // Likewise the key journey ids are hashed with (encryption on requires one).
            "--handoff.privacy.id-key=" + Base64.getEncoder().encodeToString(idKey)));
    return new DemoTemporal(
        server,
        namespace,
        engineArgs,
        "temporal server start-dev (" + cli + "), Web UI " + ui + ", data in " + server.database());
  }

  String[] engineArgs() {
    return engineArgs.toArray(String[]::new);
  }

  String description() {
    return description;
  }

  /** The journey's page in the Web UI, when the demo started one. */
  Optional<String> journeyPage(String journeyId, String runId) {
    if (server == null) {
      return Optional.empty();
    }
    return Optional.of(
        server.uiUrl().orElseThrow()
            + "/namespaces/"
            + namespace
            + "/workflows/"
            + URLEncoder.encode(journeyId, StandardCharsets.UTF_8)
            + "/"
            + runId
            + "/history");
  }

  @Override
  public void close() {
    if (server != null) {
      server.close();
    }
  }

  private static boolean configuredTarget(List<String> args) {
    String env = System.getenv("TEMPORAL_ADDRESS");
    return (env != null && !env.isBlank())
        || args.stream().anyMatch(a -> a.startsWith("--spring.temporal.connection.target="));
  }

  /**
   * The port the engine will listen on, known before it starts: the start-dev UI is told its codec
   * endpoint.
   */
  private static int enginePort(List<String> args) {
    String port =
        args.stream()
            .filter(a -> a.startsWith("--server.port="))
            .map(a -> a.substring("--server.port=".length()))
            .reduce((first, last) -> last)
            .orElseGet(
                () ->
                    Optional.ofNullable(System.getenv("PORT"))
                        .filter(p -> !p.isBlank())
                        .orElse("8080"));
    int chosen = Integer.parseInt(port.strip());
    if (chosen != 0) {
      return chosen;
    }
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
