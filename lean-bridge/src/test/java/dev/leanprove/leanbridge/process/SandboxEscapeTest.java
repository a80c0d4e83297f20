package dev.leanprove.leanbridge.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leanprove.leanbridge.message.LeanMessage;
import dev.leanprove.leanbridge.source.LeanSource;
import dev.leanprove.leanbridge.standin.ProcessProbe;
import dev.leanprove.leanbridge.standin.StandInLean;
import dev.leanprove.leanbridge.verdict.FileReport;
import dev.leanprove.leanbridge.verdict.ReasonCode;
import dev.leanprove.leanbridge.verdict.VerifierConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stand-in Lean acting as a malicious proof would (the {@code escape-…} markers): each attempt
 * is contained inside bubblewrap, and each one's twin without the sandbox does get out, so the
 * containment is the sandbox's doing and the attempt is real.
 */
final class SandboxEscapeTest {

  private static final String THEOREM = "theorem t : True := trivial\n";

  @TempDir
  Path dir;

  StandInLean sandboxed;
  StandInLean open;
  final List<Long> leftovers = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void requireBubblewrap() {
    String problem = StandInLean.sandboxProblem();
    if (!problem.isEmpty()) {
      String message = "sandbox tests skipped: " + problem + " (install bubblewrap to enable them)";
      System.out.println(message);
      Assumptions.abort(message);
    }
  }

  @BeforeEach
  void setUp() {
    sandboxed = StandInLean.create(dir.resolve("sandboxed"), 2, SandboxMode.REQUIRED).accept("t", "trivial");
    open = StandInLean.create(dir.resolve("open"), 2, SandboxMode.OFF).accept("t", "trivial");
    assertThat(sandboxed.sandboxed()).isTrue();
    assertThat(open.sandboxed()).isFalse();
  }

  @AfterEach
  void tearDown() {
    sandboxed.close();
    open.close();
    leftovers.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
  }

  private static FileReport check(StandInLean lean, VerifierConfig config, String... markers) throws Exception {
    StringBuilder text = new StringBuilder(THEOREM);
    for (String marker : markers) {
      text.append("-- FAKE_LEAN: ").append(marker).append('\n');
    }
    return lean.verifier(config).check(LeanSource.parse(text.toString())).get(30, TimeUnit.SECONDS);
  }

  private static FileReport check(StandInLean lean, String... markers) throws Exception {
    return check(lean, VerifierConfig.DEFAULT, markers);
  }

  /** What the stand-in reported for the attempt, e.g. {@code failed: PermissionError: …}. */
  private static String outcome(FileReport report, String action) {
    return report.messages().stream()
        .map(LeanMessage::data)
        .filter(d -> d.startsWith(action) && d.indexOf(": ", action.length()) >= 0)
        .map(d -> d.substring(d.indexOf(": ", action.length()) + 2))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no outcome of " + action + " in " + report.messages()));
  }

  @Test
  void check_writesOutsideScratch_sandboxed_noFileAppears() throws Exception {
    Path intoWorkspace = sandboxed.workspace().dir().resolve("escaped.txt");
    Path intoHome = Path.of(sandboxed.systemEnv().get("HOME"), "escaped.txt");
    Path intoHostTmp = Path.of(System.getProperty("java.io.tmpdir"), "leanprove-escape-" + UUID.randomUUID() + ".txt");

    FileReport report = check(sandboxed,
        "escape-write " + intoWorkspace, "escape-write " + intoHome, "escape-write " + intoHostTmp);

    assertThat(report.status()).isEqualTo(ReasonCode.PROVED);
    assertThat(outcome(report, "escape-write " + intoWorkspace)).startsWith("failed: OSError").contains("Read-only");
    assertThat(intoWorkspace).doesNotExist();
    assertThat(intoHome).doesNotExist();
    assertThat(intoHostTmp).doesNotExist();
  }

  @Test
  void check_writesOutsideScratch_unsandboxed_filesAppear() throws Exception {
    Path intoWorkspace = open.workspace().dir().resolve("escaped.txt");
    Path intoHome = Path.of(open.systemEnv().get("HOME"), "escaped.txt");
    Path intoHostTmp = Path.of(System.getProperty("java.io.tmpdir"), "leanprove-escape-" + UUID.randomUUID() + ".txt");
    try {
      check(open, "escape-write " + intoWorkspace, "escape-write " + intoHome, "escape-write " + intoHostTmp);

      assertThat(intoWorkspace).hasContent("escaped");
      assertThat(intoHome).hasContent("escaped");
      assertThat(intoHostTmp).hasContent("escaped");
    } finally {
      Files.deleteIfExists(intoHostTmp);
    }
  }

  @Test
  void check_connectsToLoopbackListener_sandboxed_listenerGetsNothing() throws Exception {
    try (Listener listener = new Listener()) {
      FileReport report = check(sandboxed, "escape-connect " + listener.port());

      assertThat(outcome(report, "escape-connect")).startsWith("failed");
      // The run is over: whatever it could have sent has arrived by now.
      assertThat(listener.received(Duration.ofMillis(300))).isEmpty();
    }
  }

  @Test
  void check_connectsToLoopbackListener_unsandboxed_listenerGetsConnection() throws Exception {
    try (Listener listener = new Listener()) {
      FileReport report = check(open, "escape-connect " + listener.port());

      assertThat(outcome(report, "escape-connect")).isEqualTo("connected");
      assertThat(listener.received(Duration.ofSeconds(5))).containsExactly("escaped");
    }
  }

  @Test
  void check_readsEtcPasswd_sandboxed_contentNotRead() throws Exception {
    FileReport report = check(sandboxed, "escape-read /etc/passwd");

    assertThat(outcome(report, "escape-read")).startsWith("failed: FileNotFoundError").doesNotContain("root:");
  }

  @Test
  void check_readsEtcPasswd_unsandboxed_contentRead() throws Exception {
    FileReport report = check(open, "escape-read /etc/passwd");

    assertThat(outcome(report, "escape-read")).startsWith("read: ").contains("root:");
  }

  @Test
  void check_forksOrphan_sandboxed_noProcessLeft() throws Exception {
    String token = "leanprove-orphan-" + UUID.randomUUID();

    FileReport report = check(sandboxed, "escape-fork " + token);

    assertThat(outcome(report, "escape-fork")).isEqualTo("forked");
    ProcessProbe.awaitCondition(() -> ProcessProbe.withCommandLineContaining(token).isEmpty(), Duration.ofSeconds(5));
    leftovers.addAll(ProcessProbe.withCommandLineContaining(token));
    assertThat(leftovers).isEmpty();
  }

  @Test
  void check_forksOrphan_unsandboxed_orphanOutlivesRun() throws Exception {
    String token = "leanprove-orphan-" + UUID.randomUUID();

    FileReport report = check(open, "escape-fork " + token);

    assertThat(outcome(report, "escape-fork")).isEqualTo("forked");
    leftovers.addAll(ProcessProbe.withCommandLineContaining(token));
    assertThat(leftovers).hasSize(1);
  }

  @Test
  void check_forksOrphanThenHangs_sandboxed_timeoutKillsOrphanToo() throws Exception {
    String token = "leanprove-orphan-" + UUID.randomUUID();

    FileReport report = check(sandboxed, VerifierConfig.DEFAULT.withTimeout(Duration.ofSeconds(2)),
        "escape-fork " + token, "hang");

    assertThat(report.status()).isEqualTo(ReasonCode.TIMEOUT);
    ProcessProbe.awaitCondition(() -> ProcessProbe.withCommandLineContaining(token).isEmpty(), Duration.ofSeconds(5));
    leftovers.addAll(ProcessProbe.withCommandLineContaining(token));
    assertThat(leftovers).isEmpty();
    assertThat(sandboxed.startedPids()).isNotEmpty().noneMatch(ProcessProbe::isRunning);
  }

  @Test
  void check_forksOrphanThenHangs_unsandboxed_orphanSurvivesTimeout() throws Exception {
    String token = "leanprove-orphan-" + UUID.randomUUID();

    FileReport report = check(open, VerifierConfig.DEFAULT.withTimeout(Duration.ofSeconds(2)),
        "escape-fork " + token, "hang");

    assertThat(report.status()).isEqualTo(ReasonCode.TIMEOUT);
    leftovers.addAll(ProcessProbe.withCommandLineContaining(token));
    assertThat(leftovers).hasSize(1);
  }

  @Test
  void check_readsOtherProcessesEnvironment_sandboxed_secretAbsent() throws Exception {
    String secret = "secret-" + UUID.randomUUID();
    Process decoy = decoyWithToken(secret);
    try {
      FileReport report = check(sandboxed, "escape-environ LEANPROVE_TOKEN");

      assertThat(outcome(report, "escape-environ")).startsWith("not found").doesNotContain(secret);
    } finally {
      decoy.destroyForcibly();
    }
  }

  @Test
  void check_readsOtherProcessesEnvironment_unsandboxed_secretFound() throws Exception {
    String secret = "secret-" + UUID.randomUUID();
    Process decoy = decoyWithToken(secret);
    try {
      FileReport report = check(open, "escape-environ LEANPROVE_TOKEN");

      assertThat(outcome(report, "escape-environ")).contains(secret);
    } finally {
      decoy.destroyForcibly();
    }
  }

  /** A process of this machine holding a secret in its environment, as the service does with its token. */
  private static Process decoyWithToken(String secret) throws IOException {
    ProcessBuilder builder = new ProcessBuilder("sleep", "60");
    builder.environment().put("LEANPROVE_TOKEN", secret);
    return builder.start();
  }

  /** A loopback TCP listener recording the first line of each connection. */
  private static final class Listener implements AutoCloseable {

    private final ServerSocket server;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    Listener() throws IOException {
      server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
      acceptor = new Thread(this::accept, "escape-listener");
      acceptor.setDaemon(true);
      acceptor.start();
    }

    int port() {
      return server.getLocalPort();
    }

    private void accept() {
      while (!server.isClosed()) {
        try (Socket socket = server.accept()) {
          socket.setSoTimeout(5000);
          BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
          String line = in.readLine();
          lines.add(line == null ? "" : line);
        } catch (SocketTimeoutException e) {
          lines.add("");
        } catch (IOException e) {
          return;
        }
      }
    }

    /** The lines received, once there is one or the wait is over. */
    List<String> received(Duration wait) throws InterruptedException {
      ProcessProbe.awaitCondition(() -> !lines.isEmpty(), wait);
      return List.copyOf(lines);
    }

    @Override
    public void close() throws IOException {
      server.close();
    }
  }
}
