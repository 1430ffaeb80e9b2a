package org.handoffengine.workflows.journey;

/**
 * The summary a journey posts for a call: Vapi's own when its analysis produced one, otherwise the
 * opening of the transcript, so an agent always has something to read first.
 */
public final class CallSummarizer {

  static final int EXTRACT_LENGTH = 280;

  private CallSummarizer() {}

  public static String summarise(CallReport report) {
    if (report.summary() != null && !report.summary().isBlank()) {
      return report.summary().strip();
    }
    String transcript = report.transcript();
    if (transcript == null || transcript.isBlank()) {
      return "Vapi sent no summary and no transcript for this call (ended: "
          + (report.endedReason() == null ? "unknown" : report.endedReason())
          + ").";
    }
    String flat = transcript.strip().replaceAll("\\s+", " ");
    if (flat.length() <= EXTRACT_LENGTH) {
      return "Transcript extract: " + flat;
    }
    int cut = flat.lastIndexOf(' ', EXTRACT_LENGTH);
    return "Transcript extract: "
        + flat.substring(0, cut > EXTRACT_LENGTH / 2 ? cut : EXTRACT_LENGTH)
        + " …";
  }
}
