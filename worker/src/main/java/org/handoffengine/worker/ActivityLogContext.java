package org.handoffengine.worker;

import io.temporal.activity.ActivityExecutionContext;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import java.util.function.UnaryOperator;
import org.slf4j.MDC;

/**
 * Every log line an activity writes (the platform clients', Spring's, the SDK's) names the journey
 * it works for as {@code journeyId}, the same field the api role's lines carry, so one journey can
 * be followed across processes in the JSON logs. The id of a journey started before ids were hashed
 * holds the number, so it is logged in its hashed form, as the api role logs it.
 */
final class ActivityLogContext extends WorkerInterceptorBase {

  static final String JOURNEY_ID = "journeyId";

  private final UnaryOperator<String> loggable;

  ActivityLogContext(UnaryOperator<String> loggable) {
    this.loggable = loggable;
  }

  @Override
  public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
    return new ActivityInboundCallsInterceptorBase(next) {
      private String journeyId;

      @Override
      public void init(ActivityExecutionContext context) {
        journeyId = loggable.apply(context.getInfo().getWorkflowId());
        super.init(context);
      }

      @Override
      public ActivityOutput execute(ActivityInput input) {
        MDC.put(JOURNEY_ID, journeyId);
        try {
          return super.execute(input);
        } finally {
          MDC.remove(JOURNEY_ID);
        }
      }
    };
  }
}
