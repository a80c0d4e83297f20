package dev.leanprove.orchestrator.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One API client's bearer token. A client sees and controls only the jobs it submitted; an admin
 * sees every job.
 *
 * @param name who the client is (shown nowhere but logs; names a job's owner)
 */
public record ClientToken(String name, String token, boolean admin) {

  public ClientToken {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(token, "token");
    if (!name.matches("[A-Za-z0-9_.@-]+")) {
      throw new IllegalArgumentException("client name must be letters, digits or _.@- only: " + name);
    }
    if (token.isBlank() || token.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException("the token of client " + name + " must be non-empty and without spaces");
    }
  }

  /**
   * Reads a tokens file: one client per line, {@code NAME TOKEN} or {@code NAME TOKEN admin};
   * blank lines and lines starting with {@code #} are skipped.
   *
   * @throws IllegalArgumentException naming the file and line of a malformed or duplicate entry
   */
  public static List<ClientToken> readFile(Path file) throws IOException {
    List<ClientToken> clients = new ArrayList<>();
    List<String> lines = Files.readAllLines(file);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] fields = line.split("\\s+");
      boolean admin = fields.length == 3 && fields[2].equals("admin");
      if (fields.length != 2 && !admin) {
        throw new IllegalArgumentException(file + ":" + (i + 1) + ": expected NAME TOKEN or NAME TOKEN admin");
      }
      try {
        clients.add(new ClientToken(fields[0], fields[1], admin));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(file + ":" + (i + 1) + ": " + e.getMessage());
      }
    }
    requireDistinct(clients);
    return List.copyOf(clients);
  }

  /** @throws IllegalArgumentException when two clients share a name or a token */
  static void requireDistinct(List<ClientToken> clients) {
    Set<String> names = new HashSet<>();
    Set<String> tokens = new HashSet<>();
    for (ClientToken c : clients) {
      if (!names.add(c.name())) {
        throw new IllegalArgumentException("two clients are named " + c.name());
      }
      if (!tokens.add(c.token())) {
        throw new IllegalArgumentException("client " + c.name() + " has the same token as another client");
      }
    }
  }

  /** Never prints the token: configs end up in logs. */
  @Override
  public String toString() {
    return "ClientToken[" + name + (admin ? ", admin" : "") + "]";
  }
}
