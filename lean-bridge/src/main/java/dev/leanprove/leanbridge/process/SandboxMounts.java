package dev.leanprove.leanbridge.process;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Host paths a sandboxed process sees, each at its own path: some read-only, some writable.
 * Everything else of the host is invisible to it.
 */
public record SandboxMounts(List<Path> readOnly, List<Path> writable) {

  public static final SandboxMounts NONE = new SandboxMounts(List.of(), List.of());

  public SandboxMounts {
    readOnly = normalized(readOnly);
    writable = normalized(writable);
  }

  public static SandboxMounts readOnly(Collection<Path> paths) {
    return new SandboxMounts(List.copyOf(paths), List.of());
  }

  public static SandboxMounts readOnly(Path... paths) {
    return readOnly(List.of(paths));
  }

  public static SandboxMounts writable(Path... paths) {
    return new SandboxMounts(List.of(), List.of(paths));
  }

  /** Both sets of paths together. */
  public SandboxMounts plus(SandboxMounts other) {
    List<Path> ro = new ArrayList<>(readOnly);
    ro.addAll(other.readOnly);
    List<Path> rw = new ArrayList<>(writable);
    rw.addAll(other.writable);
    return new SandboxMounts(ro, rw);
  }

  /** Whether the path is one of the mounts or lies inside one. */
  public boolean covers(Path path) {
    Path p = path.toAbsolutePath().normalize();
    return readOnly.stream().anyMatch(p::startsWith) || writable.stream().anyMatch(p::startsWith);
  }

  private static List<Path> normalized(List<Path> paths) {
    Set<Path> unique = new LinkedHashSet<>();
    for (Path p : paths) {
      Path absolute = p.toAbsolutePath().normalize();
      if (absolute.getParent() == null) {
        // Binding the host's root would undo the sandbox.
        throw new IllegalArgumentException("the root directory cannot be a sandbox mount");
      }
      unique.add(absolute);
    }
    return List.copyOf(unique);
  }
}
