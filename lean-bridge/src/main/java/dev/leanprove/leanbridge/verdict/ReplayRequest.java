package dev.leanprove.leanbridge.verdict;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One check for the kernel-replay checker (workspace-template/LeanproveChecker/Main.lean).
 *
 * @param challenge the .olean of the original file with every proof replaced by {@code sorry}
 * @param candidate the .olean of the checked text
 * @param targets fully qualified names of the theorems to confirm
 */
record ReplayRequest(long id, Path challenge, Path candidate, List<String> targets, List<String> allowedAxioms) {

  private static final ObjectMapper JSON = new ObjectMapper();

  ReplayRequest {
    Objects.requireNonNull(challenge, "challenge");
    Objects.requireNonNull(candidate, "candidate");
    targets = List.copyOf(targets);
    allowedAxioms = List.copyOf(allowedAxioms);
    if (targets.isEmpty()) {
      throw new IllegalArgumentException("a replay request needs at least one target");
    }
  }

  /** The request as one JSON line (no newline inside: Jackson escapes them). */
  String toJsonLine() {
    ObjectNode o = JSON.createObjectNode();
    o.put("id", id);
    o.put("challenge", challenge.toString());
    o.put("candidate", candidate.toString());
    targets.forEach(o.putArray("targets")::add);
    allowedAxioms.forEach(o.putArray("allowedAxioms")::add);
    try {
      return JSON.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a replay request", e);
    }
  }
}
