package org.handoffengine.workflows.journey;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Normalises caller numbers to E.164, the form Chatwoot stores and the key a journey is found by.
 *
 * <p>One customer must map to one journey whatever format Vapi's telephony provider used ("+1 (415)
 * 555-0123", "0014155550123", "4155550123" with a US default region), otherwise the same person
 * gets two contacts and two conversations.
 */
public final class CustomerPhone {

  /** Chatwoot's own contact validation: a plus, a non-zero digit, at most 15 digits in all. */
  private static final Pattern CHATWOOT_E164 = Pattern.compile("\\+[1-9]\\d{1,14}");

  private static final PhoneNumberUtil PHONE_NUMBERS = PhoneNumberUtil.getInstance();

  private CustomerPhone() {}

  /**
   * @param raw the number as Vapi sent it
   * @param defaultRegion ISO 3166 region used for numbers without a country code, e.g. "US"
   * @return the E.164 form, or empty when the number cannot be a phone number Chatwoot accepts
   */
  public static Optional<String> normalise(String raw, String defaultRegion) {
    if (raw == null || raw.isBlank()) {
      return Optional.empty();
    }
    try {
      var parsed = PHONE_NUMBERS.parse(raw.trim(), defaultRegion);
      if (!PHONE_NUMBERS.isPossibleNumber(parsed)) {
        return Optional.empty();
      }
      String e164 = PHONE_NUMBERS.format(parsed, PhoneNumberFormat.E164);
      return CHATWOOT_E164.matcher(e164).matches() ? Optional.of(e164) : Optional.empty();
    } catch (NumberParseException e) {
      return Optional.empty();
    }
  }

  /** True when the value is already in the E.164 form {@link #normalise} produces. */
  public static boolean isE164(String value) {
    return value != null && CHATWOOT_E164.matcher(value).matches();
  }
}
