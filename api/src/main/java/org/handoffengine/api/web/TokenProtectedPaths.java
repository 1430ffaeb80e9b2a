package org.handoffengine.api.web;

/**
 * Paths beyond the journey API that answer only to the API token, contributed by the feature that
 * serves them, so {@link ApiTokenFilter} needs to know none of their settings.
 */
@FunctionalInterface
public interface TokenProtectedPaths {

  /**
   * Whether the request path needs the token: the path as {@link RequestPaths#of} gives it, within
   * the application, decoded and without {@code ;} parameters.
   */
  boolean protects(String path);
}
