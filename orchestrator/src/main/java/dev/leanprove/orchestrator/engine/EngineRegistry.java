package dev.leanprove.orchestrator.engine;

import java.util.LinkedHashMap;
import java.util.function.BiFunction;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The engines this process has configured, by name, with the one used when a request names none. */
public final class EngineRegistry {

  /** The name the planner role is registered under when it has a model of its own. */
  public static final String PLANNER = "planner";

  private final Map<String, Engine> engines;
  private final Map<String, EngineConfig> configs;
  private final String defaultName;
  private final boolean separatePlanner;

  private EngineRegistry(Map<String, Engine> engines, Map<String, EngineConfig> configs, String defaultName,
      boolean separatePlanner) {
    this.engines = Map.copyOf(engines);
    this.configs = Map.copyOf(configs);
    this.defaultName = defaultName;
    this.separatePlanner = separatePlanner;
  }

  /**
   * The portfolio under its own name, plus the configured model engine (if any) as the default.
   * With no model configured, the portfolio is the default (DESIGN §5).
   */
  public static EngineRegistry of(EngineFactory factory, Optional<EngineConfig> model) {
    return of(factory, model, Optional.empty());
  }

  /**
   * As {@link #of(EngineFactory, Optional)}, with a separate planner: the model that writes sketches
   * (DeepSeek's recipe: a large model decomposes, the 7B prover proves). Without one, the prover plans too.
   */
  public static EngineRegistry of(EngineFactory factory, Optional<EngineConfig> model, Optional<EngineConfig> planner) {
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
    if (planner.isPresent()) {
      engines.put(PLANNER, factory.create(planner.get()));
      configs.put(PLANNER, planner.get());
    }
    return new EngineRegistry(engines, configs, defaultName, planner.isPresent());
  }

  /** The same engines, each passed through {@code wrapper} with its configuration (to meter or trace it). */
  public EngineRegistry wrapped(BiFunction<Engine, EngineConfig, Engine> wrapper) {
    Map<String, Engine> wrappedEngines = new LinkedHashMap<>();
    engines.forEach((name, engine) -> wrappedEngines.put(name, wrapper.apply(engine, configs.get(name))));
    return new EngineRegistry(wrappedEngines, configs, defaultName, separatePlanner);
  }

  /** The engine that writes sketches for a search whose prover is {@code prover}. */
  public Engine plannerFor(Engine prover) {
    return separatePlanner ? engines.get(PLANNER) : prover;
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
