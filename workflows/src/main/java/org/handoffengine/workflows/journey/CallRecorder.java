package org.handoffengine.workflows.journey;

import io.temporal.workflow.Workflow;
import java.time.Instant;

/**
 * Writes each ended call into Chatwoot, oldest first: its summary, the contact (matched by phone or
 * created), the conversation, the messages; then tells the follow-up sequence what the call was.
 * Workflow code; a refusal leaves the report queued until the journey retries.
 */
final class CallRecorder {

  private final JourneyState journey;
  private final ConversationWriter writer;
  private final Refusals refusals;
  private final FollowUpCaller followUps;
  private final Runnable publish;

  /**
   * @param publish shows the journey's stage in Temporal (the UI shows "recording the call"
   *     meanwhile)
   */
  CallRecorder(
      JourneyState journey,
      ConversationWriter writer,
      Refusals refusals,
      FollowUpCaller followUps,
      Runnable publish) {
    this.journey = journey;
    this.writer = writer;
    this.refusals = refusals;
    this.followUps = followUps;
    this.publish = publish;
  }

  void recordEndedCalls() {
    Inbox inbox = journey.inbox;
    while (inbox.nextReport() != null && !journey.attention.blocked) {
      if (!refusals.attempt(() -> record(inbox.nextReport()))) {
        journey.conversation.recording = false;
        return;
      }
      inbox.reportRecorded();
    }
  }

  private void record(CallReport report) {
    Conversation conversation = journey.conversation;
    conversation.recording = true;
    publish.run();
    String summary = CallSummarizer.summarise(report);
    writer.writeCall(report, summary);
    conversation.callRecorded(report, summary);
    journey.updatedAt = Instant.ofEpochMilli(Workflow.currentTimeMillis());
    followUps.callRecorded(report);
  }
}
