package dev.leanprove.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leanprove.leanbridge.standin.StandInLean;
import dev.leanprove.orchestrator.job.LocalPostgres;
import dev.leanprove.orchestrator.job.PostgresTarget;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve --journal}: a path keeps the JSON-lines file, a PostgreSQL URL the database; bad ones stop the start. */
final class ServeJournalTest {

  @TempDir
  Path dir;

  StandInLean lean;
  Map<String, String> env;
  String workspace;

  @BeforeEach
  void setUp() {
    lean = StandInLean.create(dir.resolve("lean"), 1);
    env = new HashMap<>(lean.systemEnv());
    workspace = lean.workspace().dir().toString();
  }

  @AfterEach
  void tearDown() {
    lean.close();
  }

  @Test
  void serve_journalPathOrNone_keepsTheJsonLinesFile() throws Exception {
    Path file = dir.resolve("state/jobs.jsonl");

    assertThat(healthStatus("--journal", file.toString())).isEqualTo(200);
    assertThat(file).exists();
    assertThat(healthStatus()).isEqualTo(200);
    assertThat(Path.of(workspace).resolve(ServeCommand.DEFAULT_JOURNAL_NAME)).exists();
  }

  @Test
  void serve_databaseNotListening_exitsThreeNamingTheJournalAndTheCause() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String url = "postgresql://127.0.0.1:" + port + "/jobs";

    CliRun run = CliRun.of(env, "serve", "--port", "0", "--workspace", workspace, "--no-sandbox", "--journal", url);

    assertThat(run.exitCode()).isEqualTo(ExitCodes.ENVIRONMENT);
    assertThat(run.err()).contains("cannot open the job journal " + url).contains("refused");
    assertThat(run.out()).doesNotContain("listening");
  }

  @Test
  void serve_badJournalOptions_exitTwoWithoutEchoingAPassword() throws Exception {
    Path passwordFile = dir.resolve("pw");
    Files.writeString(passwordFile, "hunter2\n");
    Object[][] cases = {
        {new String[] {"--journal", "postgresql://prover:hunter2@db.example.org/jobs"}, "PGPASSWORD"},
        {new String[] {"--journal", "postgresql://db.example.org"}, "names no database"},
        {new String[] {"--journal", "jobs.jsonl", "--journal-password-file", passwordFile.toString()}, "is for a PostgreSQL journal"},
        {new String[] {"--journal", "postgresql://db/jobs", "--journal-password-file", dir.resolve("missing").toString()},
            "cannot read the journal password file"},
    };
    for (Object[] c : cases) {
      String[] options = (String[]) c[0];
      String[] args = new String[options.length + 4];
      System.arraycopy(new String[] {"serve", "--workspace", workspace, "--no-sandbox"}, 0, args, 0, 4);
      System.arraycopy(options, 0, args, 4, options.length);

      CliRun run = CliRun.of(env, args);

      assertThat(run.exitCode()).as(String.join(" ", options)).isEqualTo(ExitCodes.USAGE);
      assertThat(run.err()).as(String.join(" ", options)).contains((String) c[1]).doesNotContain("hunter2");
    }
  }

  @Test
  void serve_databaseWithPasswordFile_startsAndCreatesTheSchema() throws Exception {
    LocalPostgres pg = LocalPostgres.get();
    PostgresTarget target = pg.newDatabase();
    Path passwordFile = dir.resolve("pw");
    Files.writeString(passwordFile, pg.password() + "\n");
    env.put("PGUSER", LocalPostgres.USER);

    assertThat(healthStatus("--journal", target.jdbcUrl(), "--journal-password-file", passwordFile.toString())).isEqualTo(200);

    try (Connection c = pg.connect(target); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT max(version) FROM leanprove_schema")) {
      rs.next();
      assertThat(rs.getInt(1)).isEqualTo(1);
    }
  }

  @Test
  void serve_databaseWrongPassword_exitsThreeNamingTheAuthentication() {
    LocalPostgres pg = LocalPostgres.get();
    PostgresTarget target = pg.newDatabase();
    env.put("PGUSER", LocalPostgres.USER);
    env.put("PGPASSWORD", "not-the-password");

    CliRun run = CliRun.of(env, "serve", "--port", "0", "--workspace", workspace, "--no-sandbox", "--journal", target.jdbcUrl());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.ENVIRONMENT);
    assertThat(run.err()).contains("cannot open the job journal postgresql://leanprove@127.0.0.1:" + pg.port())
        .contains("password authentication failed").doesNotContain("not-the-password");
  }

  /** Starts serve with {@code options}, asks /health, stops it. */
  private int healthStatus(String... options) throws Exception {
    StringWriter served = new StringWriter();
    StringWriter errors = new StringWriter();
    String[] args = new String[options.length + 6];
    System.arraycopy(new String[] {"serve", "--port", "0", "--workspace", workspace, "--no-sandbox"}, 0, args, 0, 6);
    System.arraycopy(options, 0, args, 6, options.length);
    Thread server = new Thread(() -> Main.run(args, new CliEnvironment(env), new PrintWriter(served, true),
        new PrintWriter(errors, true)));
    server.start();
    Vertx vertx = Vertx.vertx();
    try {
      int port = ServeListening.awaitPort(served, Duration.ofSeconds(30), errors);
      WebClient client = WebClient.create(vertx);
      int status = client.get(port, "127.0.0.1", "/health").send().await().statusCode();
      client.close();
      return status;
    } finally {
      server.interrupt();
      server.join(30_000);
      vertx.close().await();
    }
  }
}
