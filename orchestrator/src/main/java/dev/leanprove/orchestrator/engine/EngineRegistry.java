package dev.leanprove.orchestrator.engine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The engines this process has configured, by name, with the one used when a request names none. */
public final class EngineRegistry {

  private final Map<String, Engine> engines;
  private final Map<String, EngineConfig> configs;
  private final String defaultName;

  private EngineRegistry(Map<String, Engine> engines, Map<String, EngineConfig> configs, String defaultName) {
    this.engines = Map.copyOf(engines);
    this.configs = Map.copyOf(configs);
    this.defaultName = defaultName;
  }

  /**
   * The portfolio under its own name, plus the configured model engine (if any) as the default.
   * With no model configured, the portfolio is the default (DESIGN §5).
   */
  public static EngineRegistry of(EngineFactory factory, Optional<EngineConfig> model) {
    Map<String, Engine> engines = new LinkedHashMap<>();
    Map<String, EngineConfig> configs = new LinkedHashMap<>();
    EngineConfig portfolio = EngineConfig.portfolio();
    engines.put(EngineType.PORTFOLIO.configName(), factory.create(portfolio));
    configs.put(EngineType.PORTFOLIO.configName(), portfolio);
    String defaultName = EngineType.PORTFOLIO.configName();
    if (model.isPresent()) {
      String name = model.get().type().configName();
      engines.put(name, factory.create(model.get()));
      configs.put(name, model.get());
      defaultName = name;
    }
    return new EngineRegistry(engines, configs, defaultName);
  }

  /** The engine of that name ("" or null for the default); unknown names are the caller's mistake. */
  public Engine get(String name) {
    String key = name == null || name.isBlank() ? defaultName : name;
    Engine engine = engines.get(key);
    if (engine == null) {
      throw new IllegalArgumentException("unknown engine \"" + key + "\"; configured engines: " + names());
    }
    return engine;
  }

  public String defaultName() {
    return defaultName;
  }

  public List<String> names() {
    return List.copyOf(engines.keySet());
  }

  public EngineConfig config(String name) {
    return configs.get(name);
  }
}
