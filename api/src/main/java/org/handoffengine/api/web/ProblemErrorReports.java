package org.handoffengine.api.web;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/**
 * What Tomcat refuses before the engine sees it (a URI it will not decode, such as {@code %2F},
 * {@code %00} or a bad escape, a header it cannot parse) it reports itself, as an HTML page. This
 * puts the problem document {@link ProblemResponses} writes in its place, on the host, instead of
 * Tomcat's report valve (which Boot configures to show no details).
 */
@Component
public class ProblemErrorReports
    implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

  private final ObjectMapper json;

  public ProblemErrorReports(ObjectMapper json) {
    this.json = json;
  }

  @Override
  public void customize(TomcatServletWebServerFactory factory) {
    factory.addContextCustomizers(
        context -> {
          var pipeline = context.getParent().getPipeline();
          for (Valve valve : pipeline.getValves()) {
            if (valve instanceof ErrorReportValve) {
              pipeline.removeValve(valve);
            }
          }
          pipeline.addValve(new ProblemValve(json));
          // Else the host, finding no valve of its report class, adds Tomcat's when it starts.
          if (context.getParent() instanceof StandardHost host) {
            host.setErrorReportValveClass(ProblemValve.class.getName());
          }
        });
  }

  /** After Boot's customizer, which adds its own report valve. */
  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }

  static final class ProblemValve extends ErrorReportValve {
    private final ObjectMapper json;

    ProblemValve(ObjectMapper json) {
      this.json = json;
      setShowReport(false);
      setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
      int code = response.getStatus();
      // As Tomcat's own: only an error nothing has answered yet, on a connection still writable.
      if (code < 400 || response.getContentWritten() > 0) {
        return;
      }
      AtomicBoolean writable = new AtomicBoolean(false);
      response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, writable);
      if (!writable.get() || !response.setErrorReported()) {
        return;
      }
      HttpStatus status = HttpStatus.resolve(code);
      if (status == null) {
        status = code < 500 ? HttpStatus.BAD_REQUEST : HttpStatus.INTERNAL_SERVER_ERROR;
      }
      String detail =
          status.is5xxServerError()
              ? ProblemResponses.UNEXPECTED
              : "the request is malformed and was not read";
      try {
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("utf-8");
        Writer writer = response.getReporter();
        if (writer != null) {
          writer.write(json.writeValueAsString(ProblemResponses.problem(status, detail)));
          response.finishResponse();
        }
      } catch (IOException | IllegalStateException alreadyGone) {
        // the connection is gone or the answer was started: nothing more to say
      }
    }
  }
}
