package org.handoffengine.workflows.bot;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * The first-responder bot's model: one answer to the conversation so far. Posting it is Chatwoot's
 * job.
 */
@ActivityInterface
public interface FirstResponderActivities {

  @ActivityMethod(name = "AnswerCustomer")
  BotReply answer(BotTurn turn);
}
