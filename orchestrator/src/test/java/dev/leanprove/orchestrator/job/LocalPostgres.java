package dev.leanprove.orchestrator.job;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real PostgreSQL server for tests, started once per test JVM from the machine's own binaries
 * (Debian's {@code postgresql} package: {@code initdb}, {@code pg_ctl}) in a temporary directory,
 * listening on loopback with password authentication. Each test gets a database of its own.
 * Without the binaries the tests skip, printing why, unless {@value #REQUIRE_VARIABLE} is set
 * (CI sets it after installing them), when they fail.
 */
public final class LocalPostgres {

  /** Set (to anything) where PostgreSQL must be there: the tests fail instead of skipping. */
  public static final String REQUIRE_VARIABLE = "LEANPROVE_REQUIRE_POSTGRES";

  public static final String USER = "leanprove";

  private static LocalPostgres instance;
  private static String problem;

  private final Path dir;
  private final Path bin;
  private final List<String> asOwner;
  private final int port;
  private final String password = "pw-" + UUID.randomUUID();
  private final AtomicInteger databases = new AtomicInteger();

  private LocalPostgres(Path dir, Path bin, List<String> asOwner, int port) {
    this.dir = dir;
    this.bin = bin;
    this.asOwner = asOwner;
    this.port = port;
  }

  /** The running server; skips (or, under {@value #REQUIRE_VARIABLE}, fails) the calling test when there is none. */
  public static synchronized LocalPostgres get() {
    if (instance == null && problem == null) {
      try {
        instance = start();
      } catch (IOException | RuntimeException e) {
        problem = "cannot start a local PostgreSQL: " + e.getMessage();
      }
    }
    if (instance == null) {
      if (System.getenv(REQUIRE_VARIABLE) != null) {
        throw new AssertionError(problem + " (and " + REQUIRE_VARIABLE + " is set)");
      }
      System.out.println("PostgreSQL test skipped: " + problem);
      Assumptions.abort(problem);
    }
    return instance;
  }

  public int port() {
    return port;
  }

  public String password() {
    return password;
  }

  /** A new, empty database, with the URL an operator would write and this server's credentials. */
  public PostgresTarget newDatabase() {
    String name = "t" + databases.incrementAndGet();
    try (Connection c = connect("postgres", password); Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
    }
    return PostgresTarget.parse(url(name), Optional.of(USER), Optional.of(password));
  }

  public String url(String database) {
    return "postgresql://127.0.0.1:" + port + "/" + database;
  }

  /** A connection of the test's own, to look at or change what the stores wrote. */
  public Connection connect(PostgresTarget target) throws SQLException {
    return connect(target.jdbcUrl().substring(target.jdbcUrl().lastIndexOf('/') + 1), password);
  }

  private Connection connect(String database, String pw) throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", USER);
    p.setProperty("password", pw);
    return new org.postgresql.Driver().connect("jdbc:postgresql://127.0.0.1:" + port + "/" + database, p);
  }

  private static LocalPostgres start() throws IOException {
    Path bin = binaries().orElseThrow(() -> new IllegalStateException(
        "no initdb/pg_ctl on PATH or in /usr/lib/postgresql/*/bin (Debian: apt-get install postgresql)"));
    // PostgreSQL refuses to run as root: as root, run it as the package's postgres user.
    boolean root = "root".equals(System.getProperty("user.name"));
    List<String> asOwner = root ? List.of("runuser", "-u", "postgres", "--") : List.of();
    Path dir = Files.createTempDirectory("leanprove-pg");
    if (root) {
      run(List.of("chown", "postgres", dir.toString()));
    }
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    LocalPostgres pg = new LocalPostgres(dir, bin, asOwner, port);
    Path pwfile = dir.resolve("pw");
    Files.writeString(pwfile, pg.password + "\n", StandardCharsets.UTF_8);
    if (root) {
      run(List.of("chown", "postgres", pwfile.toString()));
    }
    pg.asOwner(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-U", USER, "--pwfile=" + pwfile,
        "--auth-host=scram-sha-256", "--auth-local=trust", "-E", "UTF8", "--no-sync");
    pg.asOwner(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-l", dir.resolve("log").toString(),
        "-w", "-t", "60", "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off"
            + " -c synchronous_commit=off -c full_page_writes=off", "start");
    Runtime.getRuntime().addShutdownHook(new Thread(pg::stop, "local-postgres-stop"));
    return pg;
  }

  private void stop() {
    try {
      asOwner(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "immediate", "stop");
    } catch (IOException | RuntimeException e) {
      System.err.println("cannot stop the test PostgreSQL in " + dir + ": " + e.getMessage());
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void asOwner(String... command) throws IOException {
    List<String> argv = new ArrayList<>(asOwner);
    argv.addAll(List.of(command));
    run(argv);
  }

  private static void run(List<String> argv) throws IOException {
    Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!p.waitFor(90, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException(String.join(" ", argv) + " did not finish in 90 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    if (p.exitValue() != 0) {
      throw new IOException(String.join(" ", argv) + " exited " + p.exitValue() + ": " + output.strip());
    }
  }

  private static Optional<Path> binaries() {
    for (String entry : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path dir = Path.of(entry);
      if (Files.isExecutable(dir.resolve("initdb")) && Files.isExecutable(dir.resolve("pg_ctl"))) {
        return Optional.of(realParent(dir.resolve("initdb")));
      }
    }
    Path debian = Path.of("/usr/lib/postgresql");
    if (!Files.isDirectory(debian)) {
      return Optional.empty();
    }
    try (Stream<Path> versions = Files.list(debian)) {
      return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
          .max(Comparator.comparing(b -> b.getParent().getFileName().toString(), Comparator.comparingInt(LocalPostgres::major)));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  // Debian links /usr/local/bin/initdb (and others) to the versioned bin directory, where pg_ctl finds postgres.
  private static Path realParent(Path link) {
    try {
      return link.toRealPath().getParent();
    } catch (IOException e) {
      return link.getParent();
    }
  }

  private static int major(String version) {
    try {
      return Integer.parseInt(version);
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
