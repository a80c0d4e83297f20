package dev.leanprove.leanbridge.repl;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leanprove.leanbridge.message.LeanMessage;
import dev.leanprove.leanbridge.process.Termination;
import dev.leanprove.leanbridge.process.WatchedTree;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One live REPL process: its pipes, the header environment it holds, and a watch over its tree.
 * Commands are exchanged one at a time on the caller's (a pool) thread; a deadline or memory
 * sample that fires meanwhile kills the whole tree, which ends the blocked read.
 */
final class ReplProcess {

  /** How often a command's process tree is measured against the memory cap. */
  static final Duration MEMORY_SAMPLE_PERIOD = Duration.ofMillis(100);
  static final int STDERR_TAIL_CHARS = 4000;

  private final long id;
  private final String header;
  private final Process process;
  private final WatchedTree tree;
  private final OutputStream stdin;
  private final ReplWire wire;
  private final StringBuilder stderrTail = new StringBuilder();
  private final ScheduledExecutorService watchdog;
  private final ExecutorService killer;
  private final Duration killGrace;
  private final long memoryLimitBytes;
  /** Why the process is gone or going; the first writer wins. */
  private final AtomicReference<Termination> ended = new AtomicReference<>();

  private volatile int env = -1;
  private volatile List<LeanMessage> headerMessages = List.of();
  private int uses;
  private long idleSinceNanos;

  private ReplProcess(long id, String header, Process process, ScheduledExecutorService watchdog, ExecutorService killer,
      Duration killGrace, long memoryLimitBytes) throws IOException {
    this.id = id;
    this.header = header;
    this.process = process;
    this.tree = new WatchedTree(process.toHandle());
    this.stdin = process.getOutputStream();
    this.wire = new ReplWire(process.getInputStream());
    this.watchdog = watchdog;
    this.killer = killer;
    this.killGrace = killGrace;
    this.memoryLimitBytes = memoryLimitBytes;
  }

  /**
   * Starts the process with exactly this environment, draining its stderr on a thread of its own.
   *
   * @throws IOException when the program cannot be started
   */
  static ReplProcess start(long id, String header, List<String> argv, Path workDir, Map<String, String> env,
      ScheduledExecutorService watchdog, ExecutorService killer, Duration killGrace, long memoryLimitBytes)
      throws IOException {
    ProcessBuilder builder = new ProcessBuilder(argv).directory(workDir.toFile());
    builder.environment().clear();
    builder.environment().putAll(env);
    ReplProcess started =
        new ReplProcess(id, header, builder.start(), watchdog, killer, killGrace, memoryLimitBytes);
    Thread drain = new Thread(started::drainStderr, "lean-repl-err-" + id);
    drain.setDaemon(true);
    drain.start();
    return started;
  }

  String header() {
    return header;
  }

  int env() {
    return env;
  }

  List<LeanMessage> headerMessages() {
    return headerMessages;
  }

  /** Marks the header command done: later commands run against {@code headerEnv}. */
  void ready(int headerEnv, List<LeanMessage> messages) {
    this.env = headerEnv;
    this.headerMessages = List.copyOf(messages);
  }

  boolean alive() {
    return ended.get() == null && process.isAlive();
  }

  // Guarded by the pool's lock.
  int uses() {
    return uses;
  }

  void used() {
    uses++;
  }

  long idleSinceNanos() {
    return idleSinceNanos;
  }

  void idleFrom(long nanos) {
    idleSinceNanos = nanos;
  }

  long pid() {
    return process.pid();
  }

  /**
   * Sends one framed command and waits for its answer, at most {@code timeout}.
   * Never throws: a dead, killed or garbled process is a reply without a response.
   */
  ReplReply exchange(String framed, Duration timeout) {
    long start = System.nanoTime();
    ScheduledFuture<?> deadline = watchdog.schedule(() -> kill(Termination.TIMED_OUT), timeout.toNanos(),
        TimeUnit.NANOSECONDS);
    ScheduledFuture<?> sampler = null;
    if (memoryLimitBytes > 0 && WatchedTree.memoryMeasurable()) {
      sampler = watchdog.scheduleWithFixedDelay(this::sample, 0, MEMORY_SAMPLE_PERIOD.toNanos(), TimeUnit.NANOSECONDS);
    }
    String unreadable = "";
    Optional<ReplResponse> response = Optional.empty();
    try {
      stdin.write(framed.getBytes(StandardCharsets.UTF_8));
      stdin.flush();
      Optional<JsonNode> answer = wire.next();
      if (answer.isPresent()) {
        response = Optional.of(ReplResponse.parse(answer.get()));
      }
    } catch (IOException | IllegalArgumentException e) {
      unreadable = "the REPL's output could not be read: " + e.getMessage();
    } finally {
      deadline.cancel(false);
      if (sampler != null) {
        sampler.cancel(false);
      }
    }
    Duration wall = Duration.ofNanos(System.nanoTime() - start);
    Termination killedFor = ended.get();
    if (response.isPresent() && killedFor == null) {
      return new ReplReply(Termination.EXITED, response, -1, "", wall);
    }
    // No usable answer: whatever is left of the process goes, and its exit status tells what happened.
    boolean diedByItself = ended.compareAndSet(null, Termination.EXITED);
    tree.kill(killGrace);
    int exitCode = -1;
    if (diedByItself) {
      try {
        if (process.waitFor(killGrace.toMillis() + 1000, TimeUnit.MILLISECONDS)) {
          exitCode = process.exitValue();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    String err = stderr();
    if (!unreadable.isEmpty() && diedByItself) {
      err = (err.isEmpty() ? "" : err + "\n") + unreadable;
    }
    return new ReplReply(ended.get(), Optional.empty(), exitCode, err, wall);
  }

  /** Kills the tree for this reason (unless it already ended), off the calling thread. */
  void kill(Termination reason) {
    if (!ended.compareAndSet(null, reason)) {
      return;
    }
    try {
      killer.execute(() -> tree.kill(killGrace));
    } catch (RejectedExecutionException e) {
      tree.kill(Duration.ZERO);
    }
  }

  /** Kills the tree now on the calling thread, waiting (bounded) until it is gone. */
  void killNow() {
    ended.compareAndSet(null, Termination.CANCELLED);
    tree.kill(killGrace);
  }

  String stderr() {
    synchronized (stderrTail) {
      return stderrTail.toString().strip();
    }
  }

  private void sample() {
    if (ended.get() == null && tree.residentBytes() > memoryLimitBytes) {
      kill(Termination.OUT_OF_MEMORY);
    }
  }

  private void drainStderr() {
    byte[] buffer = new byte[8192];
    try (InputStream err = process.getErrorStream()) {
      for (int n = err.read(buffer); n >= 0; n = err.read(buffer)) {
        synchronized (stderrTail) {
          stderrTail.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
          if (stderrTail.length() > STDERR_TAIL_CHARS) {
            stderrTail.delete(0, stderrTail.length() - STDERR_TAIL_CHARS);
          }
        }
      }
    } catch (IOException e) {
      // The process is gone; what was read is what there is.
    }
  }

  @Override
  public String toString() {
    return "repl-" + id + " (pid " + process.pid() + ")";
  }
}
