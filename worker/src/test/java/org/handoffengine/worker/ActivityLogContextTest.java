package org.handoffengine.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.temporal.activity.ActivityExecutionContext;
import io.temporal.activity.ActivityInfo;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor.ActivityInput;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor.ActivityOutput;
import java.util.concurrent.atomic.AtomicReference;
import org.handoffengine.journeys.privacy.CustomerJourneys;
import org.handoffengine.journeys.privacy.PrivacyProperties;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class ActivityLogContextTest {

  @Test
  void anActivityOfAJourneyFromBeforeHashedIdsLogsItsIdHashedAndNeverTheNumber() {
    CustomerJourneys customers =
        new CustomerJourneys(
            null, new PrivacyProperties("test-privacy-id-key-0123456789abcdef", false), true);
    AtomicReference<String> logged = new AtomicReference<>();
    ActivityInboundCallsInterceptor next = mock(ActivityInboundCallsInterceptor.class);
    when(next.execute(any()))
        .thenAnswer(
            call -> {
              logged.set(MDC.get(ActivityLogContext.JOURNEY_ID));
              return new ActivityOutput(null);
            });
    ActivityInfo info = mock(ActivityInfo.class);
    when(info.getWorkflowId()).thenReturn("journey-+14155550123");
    ActivityExecutionContext context = mock(ActivityExecutionContext.class);
    when(context.getInfo()).thenReturn(info);

    ActivityInboundCallsInterceptor interceptor =
        new ActivityLogContext(customers::loggable).interceptActivity(next);
    interceptor.init(context);
    interceptor.execute(new ActivityInput(null, new Object[0]));

    assertThat(logged.get()).isEqualTo(customers.newId(null, "+14155550123"));
    assertThat(MDC.get(ActivityLogContext.JOURNEY_ID)).as("cleared after the activity").isNull();
  }
}
