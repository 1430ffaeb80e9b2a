package org.handoffengine.journeys.codec;

import java.util.Base64;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code handoff.encryption.*}: the keys that turn journey payloads into ciphertext before they
 * reach Temporal.
 *
 * @param keyId the key id new payloads are encrypted with (AES-GCM); empty leaves payloads in plain
 *     JSON, acceptable only for the embedded, in-memory server. See Encrypted payloads in Run in
 *     production
 * @param keys {@code handoff.encryption.keys.<id>}: every key the engine may meet in a history, by
 *     id, as base64 of 16, 24 or 32 bytes. Rotation: add a new key, point {@code key-id} at it, and
 *     keep the old ones until no open journey holds payloads written with them
 */
@ConfigurationProperties("handoff.encryption")
public record EncryptionProperties(String keyId, Map<String, String> keys) {

  public EncryptionProperties {
    keyId = keyId == null || keyId.isBlank() ? null : keyId.strip();
    keys = keys == null ? Map.of() : Map.copyOf(keys);
  }

  public boolean enabled() {
    return keyId != null;
  }

  /** Decoded keys, with the problem named when a setting cannot work. */
  Map<String, byte[]> decodedKeys() {
    if (keyId != null && !keys.containsKey(keyId)) {
      throw new IllegalStateException(
          "handoff.encryption.key-id is "
              + keyId
              + " but handoff.encryption.keys has no key with that id");
    }
    var decoded = new java.util.LinkedHashMap<String, byte[]>();
    keys.forEach(
        (id, value) -> {
          byte[] key;
          try {
            key = Base64.getDecoder().decode(value.strip());
          } catch (IllegalArgumentException e) {
            throw new IllegalStateException("handoff.encryption.keys." + id + " is not base64");
          }
          if (key.length != 16 && key.length != 24 && key.length != 32) {
            throw new IllegalStateException(
                "handoff.encryption.keys."
                    + id
                    + " holds "
                    + key.length
                    + " bytes; AES needs 16, 24 or 32");
          }
          decoded.put(id, key);
        });
    return decoded;
  }
}
