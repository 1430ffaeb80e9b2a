package org.handoffengine.journeys.codec;

import io.temporal.common.converter.CodecDataConverter;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every payload the engine hands Temporal (journey inputs, signals, activity arguments and results,
 * queries, current details) passes through {@link PayloadEncryption}, in both roles.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EncryptionProperties.class)
public class EncryptionConfiguration {

  @Bean
  PayloadEncryption payloadEncryption(EncryptionProperties properties) {
    return new PayloadEncryption(properties);
  }

  /** The starter takes the bean named {@code mainDataConverter} for the client and workers. */
  @Bean
  DataConverter mainDataConverter(PayloadEncryption encryption, EncryptionProperties properties) {
    DataConverter json = DefaultDataConverter.newDefaultInstance();
    return properties.enabled() ? new CodecDataConverter(json, List.of(encryption), true) : json;
  }
}
