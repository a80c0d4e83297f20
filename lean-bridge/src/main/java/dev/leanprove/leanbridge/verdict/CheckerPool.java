package dev.leanprove.leanbridge.verdict;

import dev.leanprove.leanbridge.process.LineProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * Warm kernel-replay checkers, one per base import list (importing Mathlib costs seconds and GBs
 * once per process). A checker that dies is started again once per request; one that times out is
 * killed with its tree and started afresh on the next request.
 */
final class CheckerPool implements AutoCloseable {

  /** The checker never frees the .olean regions it reads; a fresh process bounds that memory. */
  static final int MAX_USES = 500;

  private final List<String> argv;
  private final Path workDir;
  private final Map<String, String> env;
  private final UnaryOperator<List<String>> launcher;
  private final Map<String, Slot> slots = new ConcurrentHashMap<>();
  private final AtomicInteger starts = new AtomicInteger();

  /**
   * @param launcher rewrites the checker's argv before it starts: the hook where a sandbox wraps it
   */
  CheckerPool(List<String> argv, Path workDir, Map<String, String> env, UnaryOperator<List<String>> launcher) {
    this.argv = List.copyOf(argv);
    this.workDir = workDir;
    this.env = Map.copyOf(env);
    this.launcher = launcher;
  }

  private static final class Slot {
    LineProcess process;
    int uses;
  }

  /**
   * Sends one request line to the checker for {@code base} and returns its answer line.
   *
   * @throws TimeoutException when the checker did not answer in time (it has been killed)
   * @throws IOException when the checker could not start, or ended twice without answering
   */
  String ask(String base, String line, Duration timeout) throws IOException, TimeoutException {
    Slot slot = slots.computeIfAbsent(base, b -> new Slot());
    synchronized (slot) {
      String lastFailure = "";
      for (int attempt = 0; attempt < 2; attempt++) {
        if (slot.process == null || !slot.process.isAlive() || slot.uses >= MAX_USES) {
          if (slot.process != null) {
            slot.process.close();
          }
          slot.process = LineProcess.start(launcher.apply(argv), workDir, env, Duration.ofSeconds(2));
          slot.uses = 0;
          starts.incrementAndGet();
        }
        slot.uses++;
        Optional<String> answer;
        try {
          answer = slot.process.exchange(line, timeout);
        } catch (TimeoutException e) {
          slot.process = null;
          throw e;
        }
        if (answer.isPresent()) {
          return answer.get();
        }
        lastFailure = slot.process.stderrTail().strip();
        slot.process.close();
        slot.process = null;
      }
      throw new IOException("the kernel checker ended twice without answering"
          + (lastFailure.isEmpty() ? "" : "; it said: " + TheoremJudge.oneLine(tail(lastFailure))));
    }
  }

  private static String tail(String text) {
    return text.length() <= 600 ? text : text.substring(text.length() - 600);
  }

  /** How many checker processes were started so far (restarts included). */
  int starts() {
    return starts.get();
  }

  @Override
  public void close() {
    for (Slot slot : slots.values()) {
      synchronized (slot) {
        if (slot.process != null) {
          slot.process.close();
          slot.process = null;
        }
      }
    }
    slots.clear();
  }
}
