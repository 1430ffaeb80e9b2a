package org.handoffengine.api.drills;

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
final class RawHttp {

  private RawHttp() {}

  /**
   * Sends {@code head} (request line and headers, CRLF-terminated as given) and then {@code body}
   * while reading the answer, so a server that answers before reading everything is still heard.
   *
   * @return the status code of the answer, or -1 when the connection closed without one
   */
  static int send(int port, String head, byte[] body) {
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
      int status = statusOf(socket.getInputStream());
      writing.exceptionally(e -> null).join();
      return status;
    } catch (IOException e) {
      return -1;
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
