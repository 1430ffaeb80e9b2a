package org.handoffengine.journeys;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * Settings records as Spring binds them, defaults included, from a few {@code key, value} pairs.
 */
public final class BoundSettings {

  private BoundSettings() {}

  public static <T> T bind(String prefix, Class<T> type, String... keysAndValues) {
    Map<String, String> settings = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      settings.put(prefix + "." + keysAndValues[i], keysAndValues[i + 1]);
    }
    return new Binder(new MapConfigurationPropertySource(settings)).bindOrCreate(prefix, type);
  }
}
