package dev.leanprove.leanbridge.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.commons.exec.ExecuteStreamHandler;

/**
 * Writes stdin and drains stdout and stderr of one process, each on its own named daemon thread,
 * into capped buffers. Draining must never stop while the process runs, or a chatty Lean blocks
 * on a full pipe and looks like a hang.
 */
final class CapturingStreamHandler implements ExecuteStreamHandler {

  private final String threadPrefix;
  private final byte[] stdin;
  private final Duration drainWait;
  private final CappedOutput stdout;
  private final CappedOutput stderr;
  private OutputStream stdinSink;
  private InputStream stdoutSource;
  private InputStream stderrSource;
  private Thread stdoutDrain;
  private Thread stderrDrain;

  /**
   * @param drainWait how long {@link #stop()} waits for the streams to end after the process has
   *     exited; a descendant that escaped the kill may hold a pipe open for ever
   */
  CapturingStreamHandler(String threadPrefix, String stdin, long capBytes, Duration drainWait) {
    this.threadPrefix = threadPrefix;
    this.stdin = stdin.getBytes(StandardCharsets.UTF_8);
    this.drainWait = drainWait;
    this.stdout = new CappedOutput(capBytes);
    this.stderr = new CappedOutput(capBytes);
  }

  CappedOutput stdout() {
    return stdout;
  }

  CappedOutput stderr() {
    return stderr;
  }

  @Override
  public void setProcessInputStream(OutputStream processStdin) {
    this.stdinSink = processStdin;
  }

  @Override
  public void setProcessOutputStream(InputStream processStdout) {
    this.stdoutSource = processStdout;
  }

  @Override
  public void setProcessErrorStream(InputStream processStderr) {
    this.stderrSource = processStderr;
  }

  @Override
  public void start() {
    stdoutDrain = start("-stdout", () -> drain(stdoutSource, stdout));
    stderrDrain = start("-stderr", () -> drain(stderrSource, stderr));
    if (stdin.length == 0) {
      closeQuietly(stdinSink);
    } else {
      // Its own thread: a child that reads nothing must not block us on a full pipe.
      start("-stdin", this::feedStdin);
    }
  }

  /** Waits, within the drain bound, for both output streams to end; never throws. */
  @Override
  public void stop() {
    long deadline = System.nanoTime() + drainWait.toNanos();
    join(stdoutDrain, deadline);
    join(stderrDrain, deadline);
  }

  private Thread start(String suffix, Runnable body) {
    Thread thread = new Thread(body, threadPrefix + suffix);
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  private void feedStdin() {
    try (OutputStream sink = stdinSink) {
      sink.write(stdin);
    } catch (IOException e) {
      // The child exited or closed its stdin without reading everything: nothing more to deliver.
    }
  }

  private static void drain(InputStream source, CappedOutput sink) {
    byte[] buffer = new byte[8192];
    try (InputStream in = source) {
      int read;
      while ((read = in.read(buffer)) != -1) {
        sink.write(buffer, 0, read);
      }
    } catch (IOException e) {
      // The stream was closed under us after the process ended; what was read is kept.
    }
  }

  private static void join(Thread thread, long deadlineNanos) {
    if (thread == null) {
      return;
    }
    try {
      long left = deadlineNanos - System.nanoTime();
      if (left > 0) {
        TimeUnit.NANOSECONDS.timedJoin(thread, left);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void closeQuietly(OutputStream stream) {
    try {
      stream.close();
    } catch (IOException e) {
      // Closing stdin of a process that already exited: nothing to do.
    }
  }
}
