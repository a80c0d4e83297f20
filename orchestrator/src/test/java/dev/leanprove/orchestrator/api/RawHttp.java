package dev.leanprove.orchestrator.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** A plain socket to the test server, for clients that misbehave: hang up early, send headers slowly, lie about the host. */
final class RawHttp implements AutoCloseable {

  private final Socket socket;

  private RawHttp(Socket socket) {
    this.socket = socket;
  }

  static RawHttp connect(int port) {
    try {
      Socket socket = new Socket("127.0.0.1", port);
      socket.setSoTimeout(10_000);
      return new RawHttp(socket);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A whole {@code POST} with a text body and the given {@code Host} header. */
  static String post(String path, String host, String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return "POST " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\n"
        + "Content-Length: " + bytes.length + "\r\n\r\n" + body;
  }

  RawHttp send(String text) {
    try {
      OutputStream out = socket.getOutputStream();
      out.write(text.getBytes(StandardCharsets.UTF_8));
      out.flush();
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Everything the server sends until it closes the connection or {@code millis} pass. */
  String readUntilClosed(int millis) {
    try {
      socket.setSoTimeout(millis);
      InputStream in = socket.getInputStream();
      StringBuilder text = new StringBuilder();
      byte[] buffer = new byte[8192];
      try {
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
          text.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
        }
      } catch (SocketTimeoutException e) {
        return text.toString();
      }
      return text.toString();
    } catch (IOException e) {
      // A reset counts as closed.
      return "";
    }
  }

  /** Whether the server has closed the connection (reading hits the end within {@code millis}). */
  boolean closedByServer(int millis) {
    try {
      socket.setSoTimeout(millis);
      InputStream in = socket.getInputStream();
      byte[] buffer = new byte[8192];
      while (true) {
        if (in.read(buffer) < 0) {
          return true;
        }
      }
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true;
    }
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // Closing is all a hung-up client does; nothing to report.
    }
  }
}
