package dev.leanprove.orchestrator.cli;

import picocli.CommandLine;

/** Reads the version from the jar's manifest, so {@code --version} always matches the build. */
final class VersionProvider implements CommandLine.IVersionProvider {

  @Override
  public String[] getVersion() {
    String version = Main.class.getPackage().getImplementationVersion();
    return new String[] {
      "leanprove " + (version == null ? "(development build)" : version),
      "Java " + System.getProperty("java.version")
    };
  }
}
