package io.rowspace.engine.space;

import io.rowspace.error.EngineException;
import io.rowspace.error.ErrorCode;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * Options of {@code CREATE EMBEDDING SPACE ... WITH (...)}, validated. Every option is optional;
 * unset ones are derived from the data when training starts (see {@link io.rowspace.engine.space.train.SpaceTrainer}).
 */
public final class SpaceOptions {
  /** The option names this class accepts. */
  public static final List<String> NAMES = List.of("d_model", "layers", "heads", "epochs",
      "batch_size", "learning_rate", "seed", "max_rows", "device", "async",
      "validation_fraction", "exact_search_rows", "temperature", "sentence_model");

  /** Which columns take the bundled sentence model (option {@code sentence_model}). */
  public enum SentenceModelUse {
    /** Free text, and categories whose values are words rather than codes (the default). */
    AUTO,
    /** Free text and every text category, codes included. */
    ON,
    /** None: categories are learned embeddings only, free text is left out. */
    OFF
  }

  private static final long DEFAULT_SEED = 42;

  private final Map<String, String> given;
  private final OptionalInt dModel;
  private final OptionalInt layers;
  private final OptionalInt heads;
  private final OptionalInt epochs;
  private final OptionalInt batchSize;
  private final OptionalDouble learningRate;
  private final long seed;
  private final OptionalInt maxRows;
  private final Optional<String> device;
  private final OptionalDouble validationFraction;
  private final OptionalInt exactSearchRows;
  private final OptionalDouble temperature;
  private final SentenceModelUse sentenceModel;

  private SpaceOptions(Map<String, String> given) {
    this.given = Collections.unmodifiableMap(new LinkedHashMap<>(given));
    this.dModel = intOption(given, "d_model", 8, 1024);
    this.layers = intOption(given, "layers", 1, 12);
    this.heads = intOption(given, "heads", 1, 32);
    this.epochs = intOption(given, "epochs", 1, 100_000);
    this.batchSize = intOption(given, "batch_size", 2, 65_536);
    this.learningRate = doubleOption(given, "learning_rate", 0, 1, "a number in (0, 1)");
    this.maxRows = intOption(given, "max_rows", 10, Integer.MAX_VALUE);
    this.validationFraction =
        doubleOption(given, "validation_fraction", 0, 0.5, "a number in (0, 0.5)");
    this.exactSearchRows = intOption(given, "exact_search_rows", 0, Integer.MAX_VALUE);
    this.temperature = doubleOption(given, "temperature", 0, 10, "a number in (0, 10)");
    String s = given.get("seed");
    if (s == null) {
      this.seed = DEFAULT_SEED;
    } else {
      try {
        this.seed = Long.parseLong(s.trim());
      } catch (NumberFormatException e) {
        throw invalid("seed", s, "an integer");
      }
    }
    String d = given.get("device");
    if (d != null) {
      String v = d.trim().toLowerCase(Locale.ROOT);
      if (!v.equals("auto") && !v.equals("cpu") && !v.equals("gpu")) {
        throw invalid("device", d, "one of auto, cpu, gpu");
      }
      this.device = Optional.of(v);
    } else {
      this.device = Optional.empty();
    }
    String sm = given.get("sentence_model");
    if (sm == null || sm.trim().equalsIgnoreCase("auto")) {
      this.sentenceModel = SentenceModelUse.AUTO;
    } else if (sm.trim().equalsIgnoreCase("true")) {
      this.sentenceModel = SentenceModelUse.ON;
    } else if (sm.trim().equalsIgnoreCase("false")) {
      this.sentenceModel = SentenceModelUse.OFF;
    } else {
      throw invalid("sentence_model", sm, "one of auto, true, false");
    }
    String a = given.get("async");
    if (a != null && !a.trim().equalsIgnoreCase("true") && !a.trim().equalsIgnoreCase("false")) {
      throw invalid("async", a, "true or false");
    }
  }

  /**
   * Validates options given as text.
   *
   * @param options option name (lower case) to value
   * @throws EngineException INVALID_OPTION naming the option and what it accepts
   */
  public static SpaceOptions fromMap(Map<String, String> options) {
    Map<String, String> normalised = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : options.entrySet()) {
      String key = e.getKey().trim().toLowerCase(Locale.ROOT);
      if (!NAMES.contains(key)) {
        throw ErrorCode.UNKNOWN_SPACE_OPTION.failure(e.getKey(),
            String.join(", ", NAMES));
      }
      if (e.getValue() == null) {
        throw invalid(key, null, "a value");
      }
      normalised.put(key, e.getValue());
    }
    return new SpaceOptions(normalised);
  }

  /** No options: everything derived from the data, seed 42. */
  public static SpaceOptions defaults() {
    return new SpaceOptions(Map.of());
  }

  public OptionalInt dModel() {
    return dModel;
  }

  public OptionalInt layers() {
    return layers;
  }

  public OptionalInt heads() {
    return heads;
  }

  public OptionalInt epochs() {
    return epochs;
  }

  public OptionalInt batchSize() {
    return batchSize;
  }

  public OptionalDouble learningRate() {
    return learningRate;
  }

  public long seed() {
    return seed;
  }

  public OptionalInt maxRows() {
    return maxRows;
  }

  public Optional<String> device() {
    return device;
  }

  /**
   * Rows up to which {@code SIMILAR_ROWS} searches exactly; a space with more rows gets a search
   * index. Not part of the model: it decides how its rows are searched.
   */
  public OptionalInt exactSearchRows() {
    return exactSearchRows;
  }

  /**
   * The InfoNCE temperature training starts with (default 0.2); training raises it when the
   * embeddings collapse.
   */
  public OptionalDouble temperature() {
    return temperature;
  }

  /**
   * Which columns take the bundled sentence model: {@code auto} (default) for free text and
   * categories whose values are words, {@code true} for every text category too, {@code false}
   * for none.
   */
  public SentenceModelUse sentenceModel() {
    return sentenceModel;
  }

  public OptionalDouble validationFraction() {
    return validationFraction;
  }

  /** The options as given (names lower-cased), for provenance. */
  public Map<String, String> asMap() {
    return given;
  }

  static EngineException invalid(String name, String value, String expected) {
    return ErrorCode.OPTION_VALUE.failure(name, expected, value);
  }

  private static OptionalInt intOption(Map<String, String> m, String name, int min, int max) {
    String v = m.get(name);
    if (v == null) {
      return OptionalInt.empty();
    }
    String expected = max == Integer.MAX_VALUE
        ? "an integer of at least " + min
        : min == 1 ? "a positive integer (at most " + max + ")"
            : "an integer from " + min + " to " + max;
    try {
      int i = Integer.parseInt(v.trim());
      if (i < min || i > max) {
        throw invalid(name, v, expected);
      }
      return OptionalInt.of(i);
    } catch (NumberFormatException e) {
      throw invalid(name, v, expected);
    }
  }

  private static OptionalDouble doubleOption(Map<String, String> m, String name, double lowExcl,
      double highExcl, String expected) {
    String v = m.get(name);
    if (v == null) {
      return OptionalDouble.empty();
    }
    try {
      double d = Double.parseDouble(v.trim());
      if (!(d > lowExcl && d < highExcl)) {
        throw invalid(name, v, expected);
      }
      return OptionalDouble.of(d);
    } catch (NumberFormatException e) {
      throw invalid(name, v, expected);
    }
  }
}
