package dev.leanprove.leanbridge.standin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Asks the OS whether a process still runs, for tests that assert nothing was left behind. */
public final class ProcessProbe {

  private ProcessProbe() {}

  /**
   * Whether the process runs. A zombie (killed, not yet reaped by its new parent, often PID 1 in a
   * container) counts as gone: it holds no memory and runs no code.
   */
  public static boolean isRunning(long pid) {
    Path stat = Path.of("/proc", Long.toString(pid), "stat");
    if (Files.exists(Path.of("/proc/self/stat"))) {
      try {
        String s = Files.readString(stat);
        // The state letter follows the parenthesised command name, which may itself contain spaces.
        char state = s.substring(s.lastIndexOf(')') + 2).charAt(0);
        return state != 'Z' && state != 'X';
      } catch (IOException e) {
        return false;
      }
    }
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  /** Polls until the condition holds or the time is up; the caller asserts afterwards. */
  public static void awaitCondition(BooleanSupplier condition, Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
  }
}
