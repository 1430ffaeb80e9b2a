package org.handoffengine.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * HTTP/1.1 written byte by byte: the requests {@code java.net.http} refuses to send (CR or LF in a
 * header, duplicate lengths, bodies that keep coming after the server has answered) are the ones a
 * hostile sender writes.
 */
public final class RawHttp {

  private RawHttp() {}

  /** Reads the answer off the connection. */
  @FunctionalInterface
  public interface AnswerReader<T> {
    T read(InputStream answer) throws IOException;
  }

  /**
   * Sends {@code head} (request line and headers, CRLF-terminated as given) and then {@code body}
   * while reading the answer, so a server that answers before reading everything is still heard.
   *
   * @return the status code of the answer, or -1 when the connection closed without one
   */
  public static int send(int port, String head, byte[] body) {
    try {
      return exchange(port, head, body, RawHttp::statusOf);
    } catch (IOException e) {
      return -1;
    }
  }

  /**
   * Sends {@code head} and then {@code body}, written alongside the read (a server that refuses a
   * body stops reading it), and returns what {@code read} makes of the answer.
   */
  public static <T> T exchange(int port, String head, byte[] body, AnswerReader<T> read)
      throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      CompletableFuture<Void> writing =
          CompletableFuture.runAsync(
              () -> {
                try {
                  out.write(head.getBytes(StandardCharsets.ISO_8859_1));
                  for (int offset = 0; offset < body.length; offset += 64 * 1024) {
                    out.write(body, offset, Math.min(64 * 1024, body.length - offset));
                  }
                  out.flush();
                } catch (IOException serverStoppedReading) {
                  // expected when the server refuses a body before it ends
                }
              });
      T answer = read.read(socket.getInputStream());
      writing.exceptionally(e -> null).join();
      return answer;
    }
  }

  private static int statusOf(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
      line.write(b);
    }
    String statusLine = line.toString(StandardCharsets.ISO_8859_1);
    String[] parts = statusLine.split(" ");
    if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
      return -1;
    }
    return Integer.parseInt(parts[1].trim());
  }
}
