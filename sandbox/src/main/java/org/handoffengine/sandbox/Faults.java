package org.handoffengine.sandbox;

import java.time.Duration;
import java.util.Map;
import java.util.Random;

/**
 * Misbehaviour a sandbox can be told to show, to prove the engine survives the real platform's bad
 * days: error statuses for the next writes, rate limiting with {@code Retry-After}, latency, and a
 * random failure rate. Connection refusal is {@link SandboxServer#goDown()}.
 */
public final class Faults {

  private int failingWrites;
  private int lostResponses;
  private int failStatus = 503;
  private String retryAfter;
  private Duration latency = Duration.ZERO;
  private Duration writeLatency = Duration.ZERO;
  private int stalledWrites;
  private Duration stall = Duration.ZERO;
  private double failureRate;
  private final Random random = new Random(7);

  /** The next {@code count} writes (POST, PUT, PATCH, DELETE) answer {@code status}. */
  public synchronized Faults failNextWrites(int count, int status) {
    this.failingWrites = count;
    this.failStatus = status;
    this.retryAfter = null;
    return this;
  }

  /** The next {@code count} writes answer 429 with this {@code Retry-After} value. */
  public synchronized Faults rateLimitNextWrites(int count, String retryAfterSeconds) {
    this.failingWrites = count;
    this.failStatus = 429;
    this.retryAfter = retryAfterSeconds;
    return this;
  }

  /**
   * The next {@code count} writes take effect but their response is lost (the client sees 502): the
   * case that makes a naive retry create a second record.
   */
  public synchronized Faults loseNextWriteResponses(int count) {
    this.lostResponses = count;
    return this;
  }

  public synchronized Faults latency(Duration latency) {
    this.latency = latency;
    return this;
  }

  /**
   * Writes (only) take this long before they take effect, while reads stay fast: a slow write is
   * still landing when a retry looks for it.
   */
  public synchronized Faults writeLatency(Duration latency) {
    this.writeLatency = latency;
    return this;
  }

  /**
   * The next {@code count} writes take {@code stall} before they take effect, and then take effect
   * whether or not the client still waits: a busy platform that finishes a write after the client
   * timed out.
   */
  public synchronized Faults stallNextWrites(int count, Duration stall) {
    this.stalledWrites = count;
    this.stall = stall;
    return this;
  }

  /** Each request fails with 503 at this probability (0 to 1). */
  public synchronized Faults failureRate(double rate) {
    this.failureRate = rate;
    return this;
  }

  public synchronized Faults clear() {
    failingWrites = 0;
    lostResponses = 0;
    retryAfter = null;
    latency = Duration.ZERO;
    writeLatency = Duration.ZERO;
    stalledWrites = 0;
    stall = Duration.ZERO;
    failureRate = 0;
    return this;
  }

  /** Replaces the answer of a write that took effect when its response is to be lost. */
  synchronized SandboxResponse afterEffect(String method, SandboxResponse answer) {
    boolean write = !method.equals("GET") && !method.equals("HEAD");
    if (write && lostResponses > 0 && answer.status() < 300) {
      lostResponses--;
      return SandboxResponse.status(
          502, Map.of("error", "sandbox fault: response lost after the write took effect"));
    }
    return answer;
  }

  synchronized Duration latency(String method) {
    boolean write = !method.equals("GET") && !method.equals("HEAD");
    Duration usual = write ? latency.plus(writeLatency) : latency;
    if (write && stalledWrites > 0) {
      stalledWrites--;
      return usual.plus(stall);
    }
    return usual;
  }

  /** The forced answer for this request, or null to handle it normally. */
  synchronized SandboxResponse forcedAnswer(String method) {
    boolean write = !method.equals("GET") && !method.equals("HEAD");
    if (write && failingWrites > 0) {
      failingWrites--;
      var body = Map.of("error", "sandbox fault: " + failStatus);
      return retryAfter == null
          ? SandboxResponse.status(failStatus, body)
          : new SandboxResponse(failStatus, body, Map.of("Retry-After", retryAfter));
    }
    if (failureRate > 0 && random.nextDouble() < failureRate) {
      return SandboxResponse.status(503, Map.of("error", "sandbox random failure"));
    }
    return null;
  }
}
