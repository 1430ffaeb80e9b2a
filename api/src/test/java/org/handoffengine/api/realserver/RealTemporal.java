package org.handoffengine.api.realserver;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.test.context.ContextConfiguration;

/**
 * Runs an engine test class against the real Temporal server ({@code temporal server start-dev})
 * instead of the embedded one: the engine's context gets {@code spring.temporal.connection.target}
 * and a namespace of its own on one server shared by the whole test run. Tagged {@code
 * real-server}, so the build runs these in their own Surefire execution and prints their count.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Tag(RealTemporal.TAG)
@ExtendWith(RealTemporalExtension.class)
@ContextConfiguration(initializers = RealTemporalInitializer.class)
public @interface RealTemporal {
  String TAG = "real-server";
}
