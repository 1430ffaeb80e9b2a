package org.handoffengine.workflows.journey;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;

/**
 * A platform refused a step and retrying cannot fix it (a rotated token, a deleted conversation, a
 * number Vapi will not dial): the journey stops its writes and shows the platform's answer until an
 * operator asks it to retry, or the customer calls again.
 */
@JsonAutoDetect(
    fieldVisibility = Visibility.ANY,
    getterVisibility = Visibility.NONE,
    isGetterVisibility = Visibility.NONE)
final class Attention {

  boolean blocked;
  String problem;

  void refused(String platformsAnswer) {
    blocked = true;
    problem = platformsAnswer;
  }

  void cleared() {
    blocked = false;
    problem = null;
  }
}
