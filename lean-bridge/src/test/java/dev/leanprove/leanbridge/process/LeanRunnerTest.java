package dev.leanprove.leanbridge.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class LeanRunnerTest {

  /** Generous: a bound for things that take milliseconds, so a loaded machine does not flake. */
  private static final Duration PATIENCE = Duration.ofSeconds(15);
  private static final Duration GRACE = Duration.ofMillis(300);
  private static final String MARK_VARIABLE = "LEANPROVE_TEST_MARK";

  @TempDir Path dir;
  private LeanRunner runner;
  /** Inherited by every process a test starts, so a leaked one can be found after the test. */
  private final String mark = UUID.randomUUID().toString();
  private final Map<String, String> env = Map.of("PATH", System.getenv("PATH"), MARK_VARIABLE, mark);

  @BeforeEach
  void createRunner() {
    runner = new LeanRunner(4, 1 << 20, GRACE);
  }

  @AfterEach
  void closeRunnerAndCheckNothingLeaked() throws InterruptedException {
    runner.close();
    // close() kills only trees it knows; anything that escaped a kill is still running here.
    boolean clean = within(PATIENCE, () -> markedProcesses().isEmpty());
    List<Long> leaked = markedProcesses();
    leaked.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    assertThat(leaked).as("processes this test started that outlived it").isEmpty();
    assertThat(clean).isTrue();
  }

  @Test
  void run_scriptExits_capturesExitCodeStdoutAndStderr() throws Exception {
    Path script = script("exits.sh", "echo out line\necho err line >&2\nexit 7\n");

    LeanRun run = await(runner.run(invocation(List.of(script.toString()))));

    assertThat(run.exitCode()).isEqualTo(7);
    assertThat(run.termination()).isEqualTo(Termination.EXITED);
    assertThat(run.stdout()).isEqualTo("out line\n");
    assertThat(run.stderr()).isEqualTo("err line\n");
    assertThat(run.outputTruncated()).isFalse();
    assertThat(run.wall()).isPositive();
    assertThat(runner.liveRuns()).isZero();
  }

  @Test
  void run_environment_isExactlyTheGivenOne() throws Exception {
    assertThat(System.getenv("PATH")).as("the test JVM has a PATH a leak would show").isNotNull();
    Path env = Files.exists(Path.of("/usr/bin/env")) ? Path.of("/usr/bin/env") : Path.of("/bin/env");
    LeanInvocation invocation = new LeanInvocation(List.of(env.toString()), dir,
        Map.of("ONLY", "yes"), Duration.ofSeconds(10), 0, "");

    LeanRun run = await(runner.run(invocation));

    assertThat(run.exitCode()).isZero();
    assertThat(run.stdout()).isEqualTo("ONLY=yes\n");
  }

  @Test
  void run_argumentsWithSpacesQuotesAndDollars_arriveVerbatim() throws Exception {
    Path script = script("args.sh", "printf '[%s]\\n' \"$@\"\n");
    List<String> arguments = List.of("two words", "it's \"quoted\"", "${HOME}", "*", "");
    List<String> argv = new ArrayList<>(List.of(script.toString()));
    argv.addAll(arguments);

    LeanRun run = await(runner.run(invocation(argv)));

    assertThat(run.stdout().lines()).containsExactlyElementsOf(
        arguments.stream().map(a -> "[" + a + "]").collect(Collectors.toList()));
  }

  @Test
  void run_stdin_isDeliveredAndClosed() throws Exception {
    Path script = script("cat.sh", "exec cat\n");
    // Larger than a pipe buffer, so writing it must not block the run.
    String stdin = IntStream.range(0, 10_000).mapToObj(i -> "line " + i + " ünïcödé ∀x, x = x\n")
        .collect(Collectors.joining());
    LeanInvocation invocation = new LeanInvocation(List.of(script.toString()), dir, env,
        Duration.ofSeconds(10), 0, stdin);

    LeanRun run = await(runner.run(invocation));

    assertThat(run.termination()).isEqualTo(Termination.EXITED);
    assertThat(run.stdout()).isEqualTo(stdin);
  }

  @Test
  void run_workDir_isTheCurrentDirectory() throws Exception {
    Path work = Files.createDirectory(dir.resolve("work dir"));
    Path script = script("pwd.sh", "pwd -P\n");
    LeanInvocation invocation = new LeanInvocation(List.of(script.toString()), work, env,
        Duration.ofSeconds(10), 0, "");

    LeanRun run = await(runner.run(invocation));

    assertThat(run.stdout()).isEqualTo(work.toRealPath() + "\n");
  }

  @Test
  void run_timeout_killsChildAndGrandchildThatIgnoreSigterm() throws Exception {
    Path script = script("hang.sh", String.join("\n",
        "bash -c 'trap \"\" TERM; sleep 600 & echo \"grandchild $!\"; wait' &",
        "echo \"child $!\"",
        "echo \"root $$\"",
        "wait", ""));
    LeanInvocation invocation = new LeanInvocation(List.of(script.toString()), dir, env,
        Duration.ofSeconds(1), 0, "");

    LeanRun run = await(runner.run(invocation));

    assertThat(run.termination()).isEqualTo(Termination.TIMED_OUT);
    assertThat(run.exitCode()).isEqualTo(-1);
    assertThat(run.wall()).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    List<Long> pids = pids(run.stdout(), "root", "child", "grandchild");
    assertThat(pids).allSatisfy(pid -> assertThat(running(pid)).as("pid %d", pid).isFalse());
    assertThat(run.describe(invocation))
        .contains(script.toString(), dir.toString(), "timed out (limit 1.0 s)", "stdout tail:",
            "grandchild " + pids.get(2));
  }

  @Test
  void run_futureCancelled_killsTree() throws Exception {
    Path script = script("hang.sh", hangWritingPids());
    CompletableFuture<LeanRun> future = runner.run(invocation(List.of(script.toString(), dir.toString())));
    List<Long> pids = awaitPidFiles("root", "child", "grandchild");

    assertThat(future.cancel(true)).isTrue();

    assertThat(future).isCancelled();
    eventually(() -> runner.liveRuns() == 0);
    assertThat(pids).allSatisfy(pid -> assertThat(running(pid)).as("pid %d", pid).isFalse());
  }

  @Test
  void run_futureTimedOutByCaller_killsTree() throws Exception {
    Path script = script("hang.sh", hangWritingPids());
    CompletableFuture<LeanRun> future = runner.run(invocation(List.of(script.toString(), dir.toString())));
    List<Long> pids = awaitPidFiles("root", "child", "grandchild");

    future.orTimeout(10, TimeUnit.MILLISECONDS);

    assertThatThrownBy(() -> future.get(PATIENCE.toSeconds(), TimeUnit.SECONDS))
        .hasCauseInstanceOf(TimeoutException.class);
    eventually(() -> runner.liveRuns() == 0);
    assertThat(pids).allSatisfy(pid -> assertThat(running(pid)).as("pid %d", pid).isFalse());
  }

  @Test
  void run_cancelledWhileQueued_neverStarts() throws Exception {
    runner.close();
    runner = new LeanRunner(1, 1 << 20, GRACE);
    Path blocker = script("block.sh",
        "for i in $(seq 1 100); do [ -e \"$1/release\" ] && exit 0; sleep 0.1; done\nexit 1\n");
    Path marker = dir.resolve("queued-ran");
    Path touch = script("touch.sh", "touch \"$1\"\n");
    CompletableFuture<LeanRun> first = runner.run(invocation(List.of(blocker.toString(), dir.toString())));
    CompletableFuture<LeanRun> queued = runner.run(invocation(List.of(touch.toString(), marker.toString())));
    CompletableFuture<LeanRun> last = runner.run(invocation(List.of(script("true.sh", "exit 0\n").toString())));

    queued.cancel(true);
    Files.createFile(dir.resolve("release"));

    assertThat(await(first).exitCode()).isZero();
    assertThat(await(last).exitCode()).isZero();
    // One slot, first in first out: had the cancelled run started, it would have ended before the last.
    assertThat(marker).doesNotExist();
    assertThat(queued).isCancelled();
  }

  @Test
  void run_rootExitsLeavingOrphan_killsOrphan() throws Exception {
    Path script = script("orphan.sh", "sleep 600 &\necho \"orphan $!\"\nsleep 1\nexit 3\n");

    LeanRun run = await(runner.run(invocation(List.of(script.toString()))));

    assertThat(run.termination()).isEqualTo(Termination.EXITED);
    assertThat(run.exitCode()).isEqualTo(3);
    long orphan = pids(run.stdout(), "orphan").get(0);
    assertThat(running(orphan)).isFalse();
  }

  @Test
  void run_grandchildOverMemoryLimit_killsTreeAsOutOfMemory() throws Exception {
    assumeTrue(ProcStatus.available(), "no /proc: the memory limit is not enforced here");
    Path script = script("eat.sh", String.join("\n",
        // tail keeps everything before the last newline, and /dev/zero has none.
        "bash -c '{ head -c 400M /dev/zero; sleep 30; } | tail >/dev/null & echo \"grandchild $!\"; wait' &",
        "echo \"child $!\"",
        "wait", ""));
    LeanInvocation invocation = new LeanInvocation(List.of(script.toString()), dir, env,
        Duration.ofSeconds(20), 64L * 1024 * 1024, "");

    LeanRun run = await(runner.run(invocation));

    // Not TIMED_OUT: the memory cap, not the 20 s limit, ended the run.
    assertThat(run.termination()).isEqualTo(Termination.OUT_OF_MEMORY);
    assertThat(run.exitCode()).isEqualTo(-1);
    assertThat(pids(run.stdout(), "child", "grandchild"))
        .allSatisfy(pid -> assertThat(running(pid)).as("pid %d", pid).isFalse());
    assertThat(run.describe(invocation)).contains("memory limit of 67108864 bytes");
  }

  @Test
  void run_hugeOutput_keepsHeadAndTailWithinCap() throws Exception {
    runner.close();
    runner = new LeanRunner(1, 64 * 1024, GRACE);
    Path script = script("flood.sh",
        "printf 'FIRST-LINE\\n'\nhead -c 50000000 /dev/zero | tr '\\0' x\nprintf '\\nLAST-LINE\\n'\n");

    LeanRun run = await(runner.run(invocation(List.of(script.toString()))));

    assertThat(run.exitCode()).isZero();
    assertThat(run.outputTruncated()).isTrue();
    assertThat(run.stdout())
        .startsWith("FIRST-LINE\nxxx")
        .endsWith("xxx\nLAST-LINE\n")
        .contains("… [" + (11 + 50_000_000 + 11 - 64 * 1024) + " bytes omitted] …");
    assertThat(run.stdout().length()).isLessThan(64 * 1024 + 100);
    assertThat(run.stderr()).isEmpty();
  }

  @Test
  void run_nonUtf8Output_isDecodedWithReplacementCharacters() throws Exception {
    Path script = script("bytes.sh", "printf 'ok \\xff\\xfe end\\n'\nprintf 'cut \\xc3\\n' >&2\n");

    LeanRun run = await(runner.run(invocation(List.of(script.toString()))));

    assertThat(run.stdout()).isEqualTo("ok \uFFFD\uFFFD end\n");
    assertThat(run.stderr()).isEqualTo("cut \uFFFD\n");
  }

  @Test
  void run_missingExecutable_failsWithProcessStartException() {
    Path missing = dir.resolve("no-such-lake");

    assertStartFails(invocation(List.of(missing.toString(), "env")), missing.toString());
  }

  @Test
  void run_fileNotExecutable_failsWithProcessStartException() throws Exception {
    Path script = script("plain.sh", "exit 0\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rw-r--r--"));

    assertStartFails(invocation(List.of(script.toString())), script.toString());
  }

  @Test
  void run_missingWorkDir_failsWithProcessStartException() throws Exception {
    Path script = script("ok.sh", "exit 0\n");
    Path gone = dir.resolve("gone");
    LeanInvocation invocation = new LeanInvocation(List.of(script.toString()), gone, env,
        Duration.ofSeconds(10), 0, "");

    assertStartFails(invocation, gone.toString());
  }

  @Test
  void run_moreRunsThanSlots_neverRunsMoreThanTheBoundAtOnce() throws Exception {
    runner.close();
    runner = new LeanRunner(2, 1 << 20, GRACE);
    Files.createDirectory(dir.resolve("running"));
    // Each run waits (bounded) to see a second one, so a runner that serialised everything fails
    // too, then stays in its slot long enough that a wrongly admitted third would be counted.
    Path script = script("slot.sh", String.join("\n",
        "touch \"$1/running/$2\"",
        "max=0",
        "for i in $(seq 1 50); do",
        "  n=$(ls \"$1/running\" | wc -l); [ \"$n\" -gt \"$max\" ] && max=$n",
        "  [ \"$n\" -ge 2 ] && break",
        "  sleep 0.1",
        "done",
        "sleep 0.3",
        "n=$(ls \"$1/running\" | wc -l); [ \"$n\" -gt \"$max\" ] && max=$n",
        "echo \"$max\" > \"$1/max-$2\"",
        "rm \"$1/running/$2\"", ""));

    List<CompletableFuture<LeanRun>> runs = IntStream.rangeClosed(1, 4)
        .mapToObj(i -> runner.run(invocation(List.of(script.toString(), dir.toString(), "r" + i))))
        .collect(Collectors.toList());

    for (CompletableFuture<LeanRun> run : runs) {
      assertThat(await(run).exitCode()).isZero();
    }
    List<Integer> maxima = new ArrayList<>();
    for (int i = 1; i <= 4; i++) {
      maxima.add(Integer.parseInt(Files.readString(dir.resolve("max-r" + i)).trim()));
    }
    assertThat(maxima).allSatisfy(max -> assertThat(max).isEqualTo(2));
  }

  @Test
  void close_withLiveAndQueuedRuns_killsLiveAndCancelsQueued() throws Exception {
    runner.close();
    runner = new LeanRunner(1, 1 << 20, GRACE);
    Path script = script("hang.sh", hangWritingPids());
    Path marker = dir.resolve("queued-ran");
    CompletableFuture<LeanRun> live = runner.run(invocation(List.of(script.toString(), dir.toString())));
    CompletableFuture<LeanRun> queued = runner.run(
        invocation(List.of(script("touch.sh", "touch \"$1\"\n").toString(), marker.toString())));
    List<Long> pids = awaitPidFiles("root", "child", "grandchild");

    runner.close();

    LeanRun run = await(live);
    assertThat(run.termination()).isEqualTo(Termination.CANCELLED);
    assertThat(run.exitCode()).isEqualTo(-1);
    assertThat(pids).allSatisfy(pid -> assertThat(running(pid)).as("pid %d", pid).isFalse());
    assertThat(queued).isCancelled();
    assertThat(marker).doesNotExist();
    assertThat(runner.liveRuns()).isZero();
  }

  @Test
  void run_afterClose_failsWithIllegalState() throws Exception {
    runner.close();

    CompletableFuture<LeanRun> future = runner.run(invocation(List.of(script("ok.sh", "exit 0\n").toString())));

    assertThatThrownBy(() -> future.get(PATIENCE.toSeconds(), TimeUnit.SECONDS))
        .hasCauseInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void shutdownHook_withLiveRun_killsTree() throws Exception {
    Path script = script("hang.sh", hangWritingPids());
    CompletableFuture<LeanRun> future = runner.run(invocation(List.of(script.toString(), dir.toString())));
    List<Long> pids = awaitPidFiles("root", "child", "grandchild");

    runner.shutdownHook().run();

    assertThat(pids).allSatisfy(pid -> assertThat(running(pid)).as("pid %d", pid).isFalse());
    assertThat(await(future).termination()).isEqualTo(Termination.CANCELLED);
  }

  @Test
  void constructor_invalidArguments_namesTheBadValue() {
    assertThatThrownBy(() -> new LeanRunner(0, 1024))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxConcurrentRuns").hasMessageEndingWith(": 0");
    assertThatThrownBy(() -> new LeanRunner(1, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outputCapBytes").hasMessageEndingWith(": 1");
    assertThatThrownBy(() -> new LeanRunner(1, 1024, Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("killGrace").hasMessageEndingWith(": PT-1S");
  }

  @Test
  void defaultConcurrency_thisMachine_isBetweenOneAndCpus() {
    assertThat(LeanRunner.defaultConcurrency())
        .isBetween(1, Runtime.getRuntime().availableProcessors());
  }

  @Test
  void concurrencyFor_memoryOrCpusScarce_takesTheSmallerAndAtLeastOne() {
    long gib = 1L << 30;
    assertThat(LeanRunner.concurrencyFor(2, 23 * gib)).isEqualTo(2);
    assertThat(LeanRunner.concurrencyFor(16, 8 * gib)).isEqualTo(2);
    assertThat(LeanRunner.concurrencyFor(4, gib)).isEqualTo(1);
    assertThat(LeanRunner.concurrencyFor(4, 0)).isEqualTo(4);
  }

  private void assertStartFails(LeanInvocation invocation, String named) {
    CompletableFuture<LeanRun> future = runner.run(invocation);

    assertThatThrownBy(() -> future.get(PATIENCE.toSeconds(), TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(ProcessStartException.class)
        .hasMessageContaining(named)
        .hasMessageContaining(invocation.argv().toString())
        .hasMessageContaining(invocation.workDir().toString())
        .hasCauseInstanceOf(IOException.class);
    assertThat(runner.liveRuns()).isZero();
  }

  /** Root, a child ignoring SIGTERM and its grandchild; PIDs go to files since a killed run's output may never be seen. */
  private static String hangWritingPids() {
    return String.join("\n",
        "bash -c 'trap \"\" TERM; sleep 600 & echo $! > \"$1/grandchild.tmp\"; mv \"$1/grandchild.tmp\" \"$1/grandchild.pid\"; wait' _ \"$1\" &",
        "echo $! > \"$1/child.tmp\"; mv \"$1/child.tmp\" \"$1/child.pid\"",
        "echo $$ > \"$1/root.tmp\"; mv \"$1/root.tmp\" \"$1/root.pid\"",
        "wait", "");
  }

  private List<Long> awaitPidFiles(String... names) throws Exception {
    eventually(() -> Arrays.stream(names).allMatch(n -> Files.exists(dir.resolve(n + ".pid"))));
    List<Long> pids = new ArrayList<>();
    for (String name : names) {
      pids.add(Long.parseLong(Files.readString(dir.resolve(name + ".pid")).trim()));
    }
    assertThat(pids).allSatisfy(pid -> assertThat(running(pid)).as("pid %d before the kill", pid).isTrue());
    return pids;
  }

  private static List<Long> pids(String output, String... labels) {
    List<Long> pids = new ArrayList<>();
    for (String label : labels) {
      Optional<Long> pid = output.lines()
          .filter(line -> line.startsWith(label + " "))
          .map(line -> Long.parseLong(line.substring(label.length() + 1).trim()))
          .findFirst();
      assertThat(pid).as("%s pid in output %s", label, output).isPresent();
      pids.add(pid.get());
    }
    return pids;
  }

  /** Alive and not a zombie: an unreaped orphan counts as alive for the JDK but runs nothing. */
  private static boolean running(long pid) {
    if (ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isEmpty()) {
      return false;
    }
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
    } catch (IOException e) {
      return false;
    }
  }

  private List<Long> markedProcesses() {
    byte[] needle = (MARK_VARIABLE + "=" + mark).getBytes(StandardCharsets.ISO_8859_1);
    return ProcessHandle.allProcesses()
        .filter(handle -> running(handle.pid()))
        .filter(handle -> contains(environ(handle.pid()), needle))
        .map(ProcessHandle::pid)
        .collect(Collectors.toList());
  }

  private static byte[] environ(long pid) {
    try {
      return Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ"));
    } catch (IOException e) {
      return new byte[0];
    }
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  private static void eventually(BooleanSupplier condition) throws InterruptedException {
    assertThat(within(PATIENCE, condition)).as("condition met within %s", PATIENCE).isTrue();
  }

  private static boolean within(Duration bound, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + bound.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline >= 0) {
        return false;
      }
      Thread.sleep(20);
    }
    return true;
  }

  private static LeanRun await(CompletableFuture<LeanRun> future) throws Exception {
    return future.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
  }

  private LeanInvocation invocation(List<String> argv) {
    return new LeanInvocation(argv, dir, env, Duration.ofSeconds(20), 0, "");
  }

  private Path script(String name, String body) throws IOException {
    Path script = dir.resolve(name);
    Files.writeString(script, "#!/bin/bash\n" + body, StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    return script;
  }
}
