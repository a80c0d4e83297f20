package dev.leanprove.leanbridge.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class WorkspaceLayoutTest {

  @TempDir
  Path dir;

  @Test
  void layOut_defaultSpec_writesTemplateWithPinnedVersions() throws Exception {
    assertThat(WorkspaceLayout.layOut(dir, WorkspaceSpec.DEFAULT)).isTrue();

    assertThat(Files.readString(dir.resolve("lean-toolchain"))).isEqualTo("leanprover/lean4:v4.24.0\n");
    String lakefile = Files.readString(dir.resolve("lakefile.toml"));
    assertThat(lakefile).contains("name = \"mathlib\"").contains("rev = \"v4.24.0\"");
    assertThat(dir.resolve("LeanproveWorkspace.lean")).exists();
    assertThat(new Workspace(dir).isLaidOut()).isTrue();
    assertThat(new Workspace(dir).hasMathlib()).isFalse();
  }

  @Test
  void layOut_otherVersions_rewritesToolchainAndMathlibRev() throws Exception {
    WorkspaceLayout.layOut(dir, WorkspaceSpec.DEFAULT);

    boolean changed = WorkspaceLayout.layOut(dir, WorkspaceSpec.of("v4.9.0", "v4.9.0"));

    assertThat(changed).isTrue();
    assertThat(Files.readString(dir.resolve("lean-toolchain"))).isEqualTo("leanprover/lean4:v4.9.0\n");
    assertThat(Files.readString(dir.resolve("lakefile.toml"))).contains("rev = \"v4.9.0\"").doesNotContain("v4.24.0");
  }

  @Test
  void layOut_otherToolchain_pinsReplToTheToolchainNotMathlib() throws Exception {
    WorkspaceLayout.layOut(dir, WorkspaceSpec.of("v4.9.0", "abc123"));

    String lakefile = Files.readString(dir.resolve("lakefile.toml"));
    assertThat(lakefile).containsPattern("name = \"REPL\"\\ngit = \"[^\"]+\"\\nrev = \"v4.9.0\"");
    assertThat(lakefile).containsPattern("name = \"mathlib\"\\ngit = \"[^\"]+\"\\nrev = \"abc123\"");
  }

  @Test
  void layOut_sameSpecAgain_reportsNoChangeAndKeepsBuildOutput() throws Exception {
    WorkspaceLayout.layOut(dir, WorkspaceSpec.DEFAULT);
    Path mathlib = Files.createDirectories(dir.resolve(".lake/packages/mathlib"));

    assertThat(WorkspaceLayout.layOut(dir, WorkspaceSpec.DEFAULT)).isFalse();
    assertThat(mathlib).exists();
    assertThat(new Workspace(dir).hasMathlib()).isTrue();
  }

  @Test
  void spec_injectionAttempt_isRefused() {
    assertThatThrownBy(() -> WorkspaceSpec.of("v4.9.0", "v4\"\n[[require]]"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("mathlib rev");
  }

  @Test
  void defaultDir_followsVariablesInOrder() {
    assertThat(WorkspaceLayout.defaultDir(Map.of("LEANPROVE_WORKSPACE", "/w", "HOME", "/h"))).isEqualTo(Path.of("/w"));
    assertThat(WorkspaceLayout.defaultDir(Map.of("XDG_DATA_HOME", "/d", "HOME", "/h")))
        .isEqualTo(Path.of("/d/leanprove/workspace"));
    assertThat(WorkspaceLayout.defaultDir(Map.of("HOME", "/h"))).isEqualTo(Path.of("/h/.local/share/leanprove/workspace"));
  }

  @Test
  void writeCheckFile_twice_givesDistinctFilesInsideWorkspace() throws Exception {
    Workspace workspace = new Workspace(dir);
    Path a = workspace.writeCheckFile("theorem a : True := trivial");
    Path b = workspace.writeCheckFile("theorem b : True := trivial");
    assertThat(a).isNotEqualTo(b);
    assertThat(a.startsWith(workspace.dir())).isTrue();
    assertThat(Files.readString(a)).isEqualTo("theorem a : True := trivial");
  }

  @Test
  void writeCheckFile_eachInItsOwnScratchDir_deletedWithWhatTheRunLeft() throws Exception {
    Workspace workspace = new Workspace(dir);
    Path a = workspace.writeCheckFile("theorem a : True := trivial");
    Path b = workspace.writeCheckFile("theorem b : True := trivial");
    Files.writeString(a.resolveSibling("Check.olean"), "compiled");

    Workspace.deleteScratch(a.getParent());

    assertThat(a.getParent()).isNotEqualTo(b.getParent());
    assertThat(a.getParent().getParent()).isEqualTo(workspace.dir().resolve(Workspace.CHECKS_DIR));
    assertThat(a.getParent()).doesNotExist();
    assertThat(b).exists();
  }

  @Test
  void looksLikeNetworkFailure_recognisesCurlAndGitErrors() {
    assertThat(SetupProcedure.looksLikeNetworkFailure("curl: (6) Could not resolve host: raw.githubusercontent.com")).isTrue();
    assertThat(SetupProcedure.looksLikeNetworkFailure("fatal: unable to access 'https://github.com/...'")).isTrue();
    assertThat(SetupProcedure.looksLikeNetworkFailure("error: Mathlib/Foo.lean: unknown constant")).isFalse();
  }
}
