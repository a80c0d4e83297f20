package dev.leanprove.orchestrator.cli;

import java.io.StringWriter;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Waits for an in-process {@code serve} to print the port it listens on. */
final class ServeListening {

  private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");

  private ServeListening() {}

  /**
   * The port {@code serve} announced on {@code out}; fails with what it printed (and {@code alsoShown},
   * e.g. its stderr) when it did not within {@code limit}.
   */
  static int awaitPort(StringWriter out, Duration limit, StringWriter... alsoShown) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      Matcher m = LISTENING.matcher(out.toString());
      if (m.find()) {
        return Integer.parseInt(m.group(1));
      }
      Thread.sleep(50);
    }
    StringBuilder printed = new StringBuilder(out.toString());
    for (StringWriter w : alsoShown) {
      printed.append(w);
    }
    throw new AssertionError("serve did not start: " + printed);
  }
}
