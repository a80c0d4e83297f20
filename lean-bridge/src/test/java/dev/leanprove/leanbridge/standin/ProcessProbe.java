package dev.leanprove.leanbridge.standin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

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

  /**
   * This JVM's PID of the process known as {@code pid} inside the PID namespace {@code pidNamespace}
   * (as {@code readlink /proc/self/ns/pid} names it there), if that process still exists. A
   * sandboxed process sees only its namespace's PIDs; the host's {@code /proc} lists both
   * (the {@code NSpid} line of its status).
   */
  public static Optional<Long> hostPid(String pidNamespace, long pid) {
    try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
      return entries
          .filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
          .filter(p -> pidNamespace.equals(link(p.resolve("ns/pid"))))
          .filter(p -> innermostPid(p).equals(Optional.of(pid)))
          .map(p -> Long.parseLong(p.getFileName().toString()))
          .findFirst();
    } catch (IOException | UncheckedIOException e) {
      return Optional.empty();
    }
  }

  /** The PID namespace of this JVM, as {@code readlink /proc/self/ns/pid} names it. */
  public static String ownPidNamespace() {
    return link(Path.of("/proc/self/ns/pid"));
  }

  /** PIDs of the running processes whose command line contains {@code text}. */
  public static List<Long> withCommandLineContaining(String text) {
    List<Long> pids = new ArrayList<>();
    try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
      entries.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).forEach(p -> {
        try {
          String cmdline = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8);
          long pid = Long.parseLong(p.getFileName().toString());
          if (cmdline.contains(text) && isRunning(pid)) {
            pids.add(pid);
          }
        } catch (IOException e) {
          // Gone meanwhile.
        }
      });
    } catch (IOException | UncheckedIOException e) {
      return pids;
    }
    return pids;
  }

  private static String link(Path path) {
    try {
      return Files.readSymbolicLink(path).toString();
    } catch (IOException | UnsupportedOperationException e) {
      return "";
    }
  }

  private static Optional<Long> innermostPid(Path procDir) {
    try {
      for (String line : Files.readAllLines(procDir.resolve("status"))) {
        if (line.startsWith("NSpid:")) {
          String[] fields = line.substring("NSpid:".length()).trim().split("\\s+");
          return Optional.of(Long.parseLong(fields[fields.length - 1]));
        }
      }
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  /** Polls until the condition holds or the time is up; the caller asserts afterwards. */
  public static void awaitCondition(BooleanSupplier condition, Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
  }
}
