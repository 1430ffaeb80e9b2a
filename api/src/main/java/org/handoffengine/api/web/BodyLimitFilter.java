package org.handoffengine.api.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.ObjectMapper;

/**
 * Request bodies larger than {@code handoff.api.max-body-size} (default 1 MB; Vapi's largest
 * reports carry a transcript, far below that) are refused with 413 before anything parses them,
 * whether they announce their length or stream it. Every path is limited, not only the webhooks':
 * the path a request names is only known once decoded ({@code /webhooks;x/vapi} is the Vapi
 * webhook), and no endpoint takes bodies that large. The codec endpoint has a limit of its own
 * ({@link #CODEC_LIMIT}).
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE - 100) // ahead of the webhook filters, which read the body
public class BodyLimitFilter extends OncePerRequestFilter {

  private final long limit;
  private final ObjectMapper json;

  public BodyLimitFilter(ApiProperties properties, ObjectMapper json) {
    this.limit = properties.maxBodySize().toBytes();
    this.json = json;
  }

  /**
   * The codec decodes whatever Temporal stored for the UI: one event's payloads may reach
   * Temporal's 2 MB blob limit ({@code limit.blobSize.error}), a third more as base64 in JSON, and
   * the UI may send several in a batch. A webhook-sized limit would leave a long journey's history
   * unreadable in the UI.
   */
  static final DataSize CODEC_LIMIT = DataSize.ofMegabytes(16);

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long limit =
        RequestPaths.of(request).startsWith("/codec/")
            ? Math.max(this.limit, CODEC_LIMIT.toBytes())
            : this.limit;
    if (request.getContentLengthLong() > limit) {
      refuse(response, limit);
      return;
    }
    try {
      chain.doFilter(new LimitedRequest(request, limit), response);
    } catch (BodyTooLarge | ServletException tooLarge) {
      if (!(tooLarge instanceof BodyTooLarge) && !(tooLarge.getCause() instanceof BodyTooLarge)) {
        throw tooLarge;
      }
      if (!response.isCommitted()) {
        response.reset();
        refuse(response, limit);
      }
    }
  }

  private void refuse(HttpServletResponse response, long limit) throws IOException {
    response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    json.writeValue(
        response.getOutputStream(),
        ProblemResponses.problem(
            HttpStatus.CONTENT_TOO_LARGE,
            "request body is larger than " + DataSize.ofBytes(limit).toKilobytes() + " KB"));
  }

  /** Thrown while reading a body that turns out too large. */
  public static final class BodyTooLarge extends IOException {
    BodyTooLarge() {
      super("request body exceeds the limit");
    }
  }

  private static final class LimitedRequest extends HttpServletRequestWrapper {
    private final long limit;

    LimitedRequest(HttpServletRequest request, long limit) {
      super(request);
      this.limit = limit;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      ServletInputStream in = super.getInputStream();
      return new ServletInputStream() {
        private long read;

        @Override
        public int read() throws IOException {
          int b = in.read();
          count(b < 0 ? 0 : 1);
          return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
          int n = in.read(buffer, offset, length);
          count(Math.max(n, 0));
          return n;
        }

        private void count(int n) throws BodyTooLarge {
          read += n;
          if (read > limit) {
            throw new BodyTooLarge();
          }
        }

        @Override
        public boolean isFinished() {
          return in.isFinished();
        }

        @Override
        public boolean isReady() {
          return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
          in.setReadListener(listener);
        }
      };
    }
  }
}
