package dev.leanprove.orchestrator.api;

import dev.leanprove.leanbridge.verdict.Verifier;
import dev.leanprove.orchestrator.search.FileProver;
import dev.leanprove.orchestrator.standin.ProverFixture;
import dev.leanprove.orchestrator.standin.StandInProvers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The set-up most API tests share: before each test a stand-in fixture in a fresh directory, which
 * the test may script further; an API server over it once the test calls {@code serve}; after
 * the test, the server's client, the fixture and the directory are gone.
 */
final class ServedApi implements BeforeEachCallback, AfterEachCallback {

  ProverFixture f;
  ApiServer server;
  private Path dir;

  @Override
  public void beforeEach(ExtensionContext context) throws IOException {
    dir = Files.createTempDirectory("served-api");
    f = ProverFixture.start(dir);
  }

  /** A server whose searches use only the portfolio over the stand-in Lean. */
  ApiServer serve(ServerConfig config) {
    return serve(StandInProvers.portfolio(f, 0), config);
  }

  ApiServer serve(FileProver prover, ServerConfig config) {
    return serve(f.verifier, prover, config);
  }

  /** A portfolio server whose {@code /check} uses {@code verifier} (e.g. one over a slowed stand-in Lean). */
  ApiServer serve(Verifier verifier, ServerConfig config) {
    return serve(verifier, StandInProvers.portfolio(f, 0), config);
  }

  ApiServer serve(Verifier verifier, FileProver prover, ServerConfig config) {
    server = ApiServer.start(f, verifier, prover, config);
    return server;
  }

  @Override
  public void afterEach(ExtensionContext context) {
    try {
      if (server != null) {
        server.client.close();
      }
      f.close();
    } finally {
      delete(dir);
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }
}
