package org.handoffengine.api.drills;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * A fault or load drill: minutes of concurrent traffic, outages and kills rather than one
 * behaviour. Tagged {@code drill}, so {@code mvn test} leaves it out and the Failsafe phase of
 * {@code mvn verify} runs it (api/pom.xml); a real-server version also carries {@code real-server}
 * and runs in that execution instead.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Tag(Drill.TAG)
public @interface Drill {
  String TAG = "drill";
}
