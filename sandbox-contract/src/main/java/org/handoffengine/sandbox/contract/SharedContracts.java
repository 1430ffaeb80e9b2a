package org.handoffengine.sandbox.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * The platforms' published API specs in {@code ../shared/contracts/}, beside the checkout in CI and
 * on the developers' machines, absent from a user's clone. Tests that need them skip with a message
 * saying so, rather than fail.
 */
public final class SharedContracts {

  private SharedContracts() {}

  public static Optional<Path> sharedDir() {
    String configured = System.getProperty("handoff.shared.dir");
    Stream<Path> candidates =
        Stream.of(
                configured == null ? null : Path.of(configured),
                Path.of("../shared"),
                Path.of("../../shared"))
            .filter(p -> p != null);
    return candidates
        .filter(p -> Files.isDirectory(p.resolve("contracts")))
        .map(Path::normalize)
        .findFirst();
  }

  public static Optional<Path> vapiSpec() {
    return sharedDir()
        .map(d -> d.resolve("contracts/vapi/spec/api/openapi.json"))
        .filter(Files::isRegularFile);
  }

  public static Optional<Path> vapiSamples() {
    return sharedDir().map(d -> d.resolve("contracts/vapi/samples")).filter(Files::isDirectory);
  }

  public static Optional<Path> chatwootSamples() {
    return sharedDir().map(d -> d.resolve("contracts/chatwoot/samples")).filter(Files::isDirectory);
  }

  /** Chatwoot's application Swagger, wherever under contracts/chatwoot it lands. */
  public static Optional<Path> chatwootSpec() {
    Optional<Path> folder =
        sharedDir().map(d -> d.resolve("contracts/chatwoot")).filter(Files::isDirectory);
    if (folder.isEmpty()) {
      return Optional.empty();
    }
    try (Stream<Path> files = Files.walk(folder.get())) {
      List<Path> specs =
          files
              .filter(f -> f.toString().endsWith(".json"))
              .filter(SharedContracts::isApiSpec)
              .sorted()
              .toList();
      return specs.stream()
          .filter(f -> f.getFileName().toString().contains("application"))
          .findFirst()
          .or(() -> specs.stream().findFirst());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static OpenApiContract assumeVapi() {
    Optional<Path> spec = vapiSpec();
    Assumptions.assumeTrue(
        spec.isPresent(),
        "../shared/contracts/vapi is absent (it sits beside the repo in CI, not in a user's clone); skipping the Vapi contract check");
    return OpenApiContract.load(spec.get());
  }

  public static OpenApiContract assumeChatwoot() {
    Optional<Path> spec = chatwootSpec();
    Assumptions.assumeTrue(
        spec.isPresent(),
        "../shared/contracts/chatwoot holds no Chatwoot API spec yet (it sits beside the repo in CI, not in a user's clone); skipping the Chatwoot contract check");
    return OpenApiContract.load(spec.get());
  }

  private static boolean isApiSpec(Path file) {
    try {
      String head = Files.readString(file).substring(0, (int) Math.min(Files.size(file), 400));
      return head.contains("\"swagger\"") || head.contains("\"openapi\"");
    } catch (IOException e) {
      return false;
    }
  }
}
