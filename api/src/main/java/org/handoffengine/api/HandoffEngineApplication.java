package org.handoffengine.api;

import java.util.Arrays;
import org.handoffengine.api.demo.Demo;
import org.handoffengine.api.setup.SetupCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The runnable engine: webhooks and the journey API (profile {@code api}) and the worker (profile
 * {@code worker}), both unless one is named.
 */
@SpringBootApplication(scanBasePackages = "org.handoffengine")
@ConfigurationPropertiesScan("org.handoffengine")
public class HandoffEngineApplication {

  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals("setup")) {
      System.exit(SetupCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out));
    }
    if (args.length > 0 && args[0].equals("demo")) {
      Demo.run(HandoffEngineApplication.class, Arrays.copyOfRange(args, 1, args.length));
      return;
    }
    SpringApplication.run(HandoffEngineApplication.class, args);
  }
}
