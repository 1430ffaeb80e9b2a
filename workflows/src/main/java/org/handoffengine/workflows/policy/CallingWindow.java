package org.handoffengine.workflows.policy;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * The hours in which the engine may call a customer, in the customer's time zone. Nobody gets a
 * follow-up call at 23:00 because a timer happened to fire then.
 *
 * @param opens local time the window opens (inclusive)
 * @param closes local time the window closes (exclusive); must be after {@code opens}
 */
public record CallingWindow(LocalTime opens, LocalTime closes) {

  public static final CallingWindow ALWAYS = new CallingWindow(LocalTime.MIN, LocalTime.MAX);

  public CallingWindow {
    if (opens == null || closes == null || !closes.isAfter(opens)) {
      throw new IllegalArgumentException(
          "calling window must close after it opens: " + opens + "-" + closes);
    }
  }

  /** Parses "09:00-18:00". */
  public static CallingWindow parse(String hours) {
    String[] parts = hours.trim().split("-");
    if (parts.length != 2) {
      throw new IllegalArgumentException("calling hours must look like 09:00-18:00, got: " + hours);
    }
    return new CallingWindow(LocalTime.parse(parts[0].trim()), LocalTime.parse(parts[1].trim()));
  }

  /** The first instant at or after {@code due} that falls inside the window in {@code zone}. */
  public Instant firstOpenAtOrAfter(Instant due, ZoneId zone) {
    ZonedDateTime local = due.atZone(zone);
    LocalTime time = local.toLocalTime();
    if (!time.isBefore(opens) && time.isBefore(closes)) {
      return due;
    }
    ZonedDateTime opening = local.with(opens);
    if (!time.isBefore(opens)) {
      opening = opening.plusDays(1);
    }
    return opening.toInstant();
  }

  /**
   * When the window that is open at {@code at} closes, in {@code zone}; {@code at} itself when the
   * window is closed then. A follow-up call still being placed by then waits for the next window.
   */
  public Instant closesAfter(Instant at, ZoneId zone) {
    ZonedDateTime local = at.atZone(zone);
    LocalTime time = local.toLocalTime();
    if (time.isBefore(opens) || !time.isBefore(closes)) {
      return at;
    }
    return closes.equals(LocalTime.MAX)
        ? local.toLocalDate().plusDays(1).atStartOfDay(zone).toInstant()
        : local.with(closes).toInstant();
  }
}
