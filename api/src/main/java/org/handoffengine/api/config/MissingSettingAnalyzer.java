package org.handoffengine.api.config;

import java.util.Locale;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.validation.FieldError;

/**
 * Start-up fails on a missing or invalid setting with one line per setting, naming the property and
 * the environment variable that sets it, instead of a binder stack trace.
 */
public class MissingSettingAnalyzer extends AbstractFailureAnalyzer<BindValidationException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, BindValidationException cause) {
    String objectName = cause.getValidationErrors().getName().toString();
    String lines =
        cause.getValidationErrors().getAllErrors().stream()
            .map(
                error -> {
                  String property =
                      error instanceof FieldError field
                          ? objectName + "." + kebab(field.getField())
                          : objectName;
                  return "Missing or invalid setting "
                      + property
                      + " (env "
                      + envName(property)
                      + "): "
                      + error.getDefaultMessage();
                })
            .sorted()
            .collect(Collectors.joining("\n"));
    return new FailureAnalysis(
        lines,
        "Set it in application.yaml or the environment; see the README's configuration table.",
        cause);
  }

  static String kebab(String field) {
    return field.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
  }

  static String envName(String property) {
    return property.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
  }
}
