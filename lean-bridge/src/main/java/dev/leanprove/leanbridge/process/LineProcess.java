package dev.leanprove.leanbridge.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A long-lived child that answers each line written to its stdin with one line on its stdout (the
 * kernel-replay checker). {@link LeanRunner} runs a process to its end; this one stays warm between
 * requests. A timed-out or closed process is torn down with its whole tree, as {@link LeanRunner} does.
 */
public final class LineProcess implements AutoCloseable {

  /** The longest answer line kept; anything longer is not ours and counts as a broken process. */
  static final int MAX_LINE_CHARS = 8 << 20;

  // Compared by identity: no line read from the process can be this object.
  @SuppressWarnings("StringOperationCanBeSimplified")
  private static final String END = new String("end of output");

  private final Process process;
  private final ProcessTree tree;
  private final OutputStream stdin;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final CappedOutput stderr = new CappedOutput(64 * 1024);
  private final Duration killGrace;

  private LineProcess(Process process, Duration killGrace) {
    this.process = process;
    this.tree = new ProcessTree(process.toHandle());
    this.stdin = process.getOutputStream();
    this.killGrace = killGrace;
    drain(process.getInputStream(), true);
    drain(process.getErrorStream(), false);
  }

  /**
   * Starts {@code argv} in {@code workDir} with exactly {@code env}. A sandbox wraps a launch by
   * rewriting {@code argv} before it gets here.
   */
  public static LineProcess start(List<String> argv, Path workDir, Map<String, String> env, Duration killGrace)
      throws ProcessStartException {
    ProcessBuilder builder = new ProcessBuilder(argv).directory(workDir.toFile());
    builder.environment().clear();
    builder.environment().putAll(env);
    try {
      return new LineProcess(builder.start(), killGrace);
    } catch (IOException e) {
      throw new ProcessStartException(new LeanInvocation(argv, workDir, env, Duration.ofSeconds(1), 0, ""), e);
    }
  }

  private void drain(InputStream stream, boolean answers) {
    Thread t = new Thread(() -> {
      try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
        String line;
        while ((line = reader.readLine()) != null) {
          if (!answers) {
            byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
            stderr.write(bytes, 0, bytes.length);
          } else if (line.length() > MAX_LINE_CHARS) {
            break;
          } else {
            lines.add(line);
          }
        }
      } catch (IOException e) {
        // The process went away; the reader below learns it from END.
      } finally {
        if (answers) {
          lines.add(END);
        }
      }
    }, "lean-line-" + (answers ? "out-" : "err-") + process.pid());
    t.setDaemon(true);
    t.start();
  }

  /**
   * Writes one request line and waits for one answer line.
   *
   * @return the answer, or empty when the process ended (or broke its protocol) before answering
   * @throws TimeoutException when no answer came in time; the process is then torn down
   */
  public synchronized Optional<String> exchange(String request, Duration timeout) throws TimeoutException {
    if (request.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("a request is one line");
    }
    try {
      stdin.write((request + "\n").getBytes(StandardCharsets.UTF_8));
      stdin.flush();
    } catch (IOException e) {
      return Optional.empty();
    }
    String answer;
    try {
      answer = lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close();
      return Optional.empty();
    }
    if (answer == null) {
      close();
      throw new TimeoutException("no answer within " + timeout.toMillis() + " ms");
    }
    if (answer == END) {
      lines.add(END);
      return Optional.empty();
    }
    return Optional.of(answer);
  }

  public boolean isAlive() {
    return process.isAlive() && !tree.isDestroyed();
  }

  public long pid() {
    return process.pid();
  }

  /** The tail of what the process wrote on stderr, for a failure message. */
  public String stderrTail() {
    return stderr.text();
  }

  /** Closes stdin (the process's signal to exit) and tears the process tree down. */
  @Override
  public void close() {
    try {
      stdin.close();
    } catch (IOException e) {
      // Closing a dead pipe fails; the tree is killed next anyway.
    }
    tree.track();
    if (tree.destroy() && !tree.awaitExit(killGrace)) {
      tree.destroyForcibly();
      tree.awaitExit(killGrace);
    }
  }
}
