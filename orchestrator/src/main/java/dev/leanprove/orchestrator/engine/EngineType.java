package dev.leanprove.orchestrator.engine;

import java.net.URI;
import java.util.Locale;

/** The kinds of engine the CLI and config can name. */
public enum EngineType {
  /** Any OpenAI-compatible server: vLLM (port 8000) or SGLang (port 30000). */
  OPENAI("openai", "http://127.0.0.1:8000"),
  /** Xinference's REST API: launches models and serves them OpenAI-style. */
  XINFERENCE("xinference", "http://127.0.0.1:9997"),
  /** Ollama's native generate API. */
  OLLAMA("ollama", "http://127.0.0.1:11434"),
  /** No model: standard tactic scripts. */
  PORTFOLIO("portfolio", "");

  private final String configName;
  private final String defaultEndpoint;

  EngineType(String configName, String defaultEndpoint) {
    this.configName = configName;
    this.defaultEndpoint = defaultEndpoint;
  }

  /** The name used on the command line and in config files. */
  public String configName() {
    return configName;
  }

  /** Where the server listens by default on this machine; the portfolio has no endpoint. */
  public URI defaultEndpoint() {
    if (this == PORTFOLIO) {
      throw new IllegalStateException("the portfolio engine has no endpoint");
    }
    return URI.create(defaultEndpoint);
  }

  /** Looks a type up by its config name, ignoring case. */
  public static EngineType fromName(String name) {
    String wanted = name.trim().toLowerCase(Locale.ROOT);
    for (EngineType type : values()) {
      if (type.configName.equals(wanted)) {
        return type;
      }
    }
    throw new IllegalArgumentException(
        "unknown engine: " + name + " (expected openai, xinference, ollama or portfolio)");
  }
}
