package io.rowspace.engine.predictor;

import io.rowspace.error.EngineException;
import io.rowspace.error.ErrorCode;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * Options of {@code CREATE PREDICTOR ... WITH (...)}, validated. All are optional.
 *
 * <p>{@code head} chooses the network trained on the frozen space's features
 * ({@link PredictorHead}): {@code mlp} (default), one GELU hidden layer; {@code crossnet}, two
 * DCN-v2 cross layers ({@code x_{l+1} = x_0 * (W x_l + b) + x_l}) beside that hidden layer, for
 * targets that depend on products of inputs; {@code lowrank_cross}, the same with each {@code W}
 * of rank 16 (fewer weights when the space has many columns); {@code gated_interactions}, two
 * gated linear units ({@code (W x) * sigmoid(G x)}). All train, calibrate, save and explain
 * alike, and the head used is recorded among the predictor's options.
 *
 * <p>{@code fine_tune}: {@code false} (default) trains the head on the frozen space; {@code true}
 * then trains every transformer layer of the space with the head; {@code auto} tunes the layers
 * with the most Fisher information for the target and keeps the result only if it beats the
 * frozen predictor on the validation rows ({@code train.SpaceFineTuning}).
 *
 * <p>{@code trees}: {@code auto} (default) also trains gradient-boosted trees and a linear model
 * on the input columns (the network reads the row's embedding) and mixes their outputs with the
 * network's at the depth and shares that give the lowest validation loss (possibly none; without
 * trees when the validation rows are too few to early-stop them); {@code true} keeps a tree share
 * of at least a quarter; {@code false} trains the network alone; {@code only} and {@code linear}
 * keep the boosted trees alone or the linear model alone (share 1), so that each member's
 * accuracy can be measured on held-out rows beside the blend's.
 *
 * <p>{@code target_transform} (regression): {@code none} (default) learns the target's values as
 * they are; {@code log} learns their logarithm (every value must be above zero), which weighs
 * relative rather than absolute errors ({@link TargetScale}).
 *
 * <p>{@code cost_false_positive} and {@code cost_false_negative} (non-negative numbers; one given
 * alone leaves the other at 1) only move a binary predictor's decision threshold: without them
 * the threshold maximises F1 on the validation rows; with them it minimises the total cost of the
 * validation rows' errors, {@code cost_false_positive * FP + cost_false_negative * FN}, so a
 * higher cost of false negatives gives a lower threshold (more rows predicted positive). They do
 * not change the network or its probabilities, and are ignored for other tasks.
 */
public final class PredictorOptions {
  /** The option names this class accepts. */
  public static final List<String> NAMES = List.of("task", "positive_label", "epochs", "seed",
      "loss", "fine_tune", "head", "cost_false_positive", "cost_false_negative", "async",
      "column_features", "trees", "target_transform");

  /** A value of an option that takes one of a few words; {@link #text()} is the word. */
  public interface Choice {
    /** The option's value as written in {@code WITH (...)} and in the resolved options. */
    String text();
  }

  /** Option {@code loss}: {@code auto} resolves to focal or cross-entropy, or to mse. */
  public enum Loss implements Choice {
    AUTO, FOCAL, CROSS_ENTROPY, MSE, HUBER;

    @Override
    public String text() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** Whether this loss trains a regression (mse, huber) rather than a classifier. */
    public boolean forRegression() {
      return this == MSE || this == HUBER;
    }
  }

  /** Option {@code fine_tune}. */
  public enum FineTune implements Choice {
    /** {@code false}: the space stays frozen. */
    FROZEN("false"),
    /** {@code true}: every transformer layer of the space trains with the head. */
    ALL_LAYERS("true"),
    /** {@code auto}: the most informative layers, kept only if they beat the frozen space. */
    AUTO("auto");

    private final String text;

    FineTune(String text) {
      this.text = text;
    }

    @Override
    public String text() {
      return text;
    }
  }

  /** Option {@code head}: the network trained on the space's outputs ({@link PredictorHead}). */
  public enum Head implements Choice {
    MLP, CROSSNET, LOWRANK_CROSS, GATED_INTERACTIONS;

    @Override
    public String text() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Option {@code trees}. */
  public enum Trees implements Choice {
    /** {@code auto}: trees and a linear model, shares chosen on the validation rows. */
    AUTO("auto"),
    /** {@code true}: a tree share of at least a quarter. */
    REQUIRED("true"),
    /** {@code false}: the network alone. */
    NONE("false"),
    /** {@code only}: the boosted trees alone (no network share), to compare members. */
    TREES_ALONE("only"),
    /** {@code linear}: the linear model alone (no network share), to compare members. */
    LINEAR_ALONE("linear");

    private final String text;

    Trees(String text) {
      this.text = text;
    }

    @Override
    public String text() {
      return text;
    }
  }

  /** Option {@code target_transform} of a regression ({@link TargetScale}). */
  public enum TargetTransform implements Choice {
    NONE, LOG;

    @Override
    public String text() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final Map<String, String> given;
  private final Optional<Task> task;
  private final Optional<String> positiveLabel;
  private final OptionalInt epochs;
  private final long seed;
  private final Loss loss;
  private final FineTune fineTune;
  private final boolean columnFeatures;
  private final Head head;
  private final Trees trees;
  private final TargetTransform targetTransform;
  private final OptionalDouble costFalsePositive;
  private final OptionalDouble costFalseNegative;

  private PredictorOptions(Map<String, String> given) {
    this.given = Collections.unmodifiableMap(new LinkedHashMap<>(given));
    String t = given.get("task");
    if (t == null) {
      task = Optional.empty();
    } else {
      try {
        task = Optional.of(Task.valueOf(t.trim().toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw invalid("task", t, "one of binary, multiclass, regression");
      }
    }
    positiveLabel = Optional.ofNullable(given.get("positive_label"));
    String e = given.get("epochs");
    if (e == null) {
      epochs = OptionalInt.empty();
    } else {
      try {
        int v = Integer.parseInt(e.trim());
        if (v < 1 || v > 100_000) {
          throw invalid("epochs", e, "a positive integer (at most 100000)");
        }
        epochs = OptionalInt.of(v);
      } catch (NumberFormatException x) {
        throw invalid("epochs", e, "a positive integer (at most 100000)");
      }
    }
    String s = given.get("seed");
    try {
      seed = s == null ? 42 : Long.parseLong(s.trim());
    } catch (NumberFormatException x) {
      throw invalid("seed", s, "an integer");
    }
    loss = choice(given, "loss", Loss.values(), Loss.AUTO);
    fineTune = choice(given, "fine_tune", FineTune.values(), FineTune.FROZEN);
    head = choice(given, "head", Head.values(), Head.MLP);
    trees = choice(given, "trees", Trees.values(), Trees.AUTO);
    targetTransform = choice(given, "target_transform", TargetTransform.values(),
        TargetTransform.NONE);
    columnFeatures = flag(given, "column_features");
    flag(given, "async");
    costFalsePositive = cost(given, "cost_false_positive");
    costFalseNegative = cost(given, "cost_false_negative");
  }

  /**
   * Validates options given as text.
   *
   * @throws EngineException INVALID_OPTION naming the option and what it accepts
   */
  public static PredictorOptions fromMap(Map<String, String> options) {
    Map<String, String> normalised = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : options.entrySet()) {
      String key = e.getKey().trim().toLowerCase(Locale.ROOT);
      if (!NAMES.contains(key)) {
        throw ErrorCode.UNKNOWN_PREDICTOR_OPTION.failure(e.getKey(),
            String.join(", ", NAMES));
      }
      if (e.getValue() == null) {
        throw invalid(key, null, "a value");
      }
      normalised.put(key, e.getValue());
    }
    return new PredictorOptions(normalised);
  }

  public static PredictorOptions defaults() {
    return new PredictorOptions(Map.of());
  }

  public Optional<Task> task() {
    return task;
  }

  public Optional<String> positiveLabel() {
    return positiveLabel;
  }

  public OptionalInt epochs() {
    return epochs;
  }

  public long seed() {
    return seed;
  }

  /** auto, focal, cross_entropy, mse or huber. */
  public Loss loss() {
    return loss;
  }

  /**
   * false (the space stays frozen), true (its layers train with the head) or auto (the layers
   * with most Fisher information for the target, kept only if they beat frozen on validation).
   */
  public FineTune fineTune() {
    return fineTune;
  }

  /**
   * Whether the head also reads the input columns' own encoded features beside the space's
   * outputs (default false: measured on mlc_churn it lowered held-out AUC from 0.887 to 0.879,
   * docs/benchmarks.md).
   */
  public boolean columnFeatures() {
    return columnFeatures;
  }

  /** mlp (default), crossnet, lowrank_cross or gated_interactions: the network trained. */
  public Head head() {
    return head;
  }

  /**
   * auto (default), true, false, only or linear: whether boosted trees and a linear model over
   * the input columns are trained beside the network and mixed with it ({@link TreeBlend}). auto
   * chooses the trees' depth and the shares (0 to 1) on the validation rows; true keeps a tree
   * share of at least a quarter; false trains the network alone; only keeps the trees alone and
   * linear the linear model alone (for comparing members).
   */
  public Trees trees() {
    return trees;
  }

  /** none (default) or log: how a regression target is learned ({@link TargetScale}). */
  public TargetTransform targetTransform() {
    return targetTransform;
  }

  public OptionalDouble costFalsePositive() {
    return costFalsePositive;
  }

  public OptionalDouble costFalseNegative() {
    return costFalseNegative;
  }

  /** The options as given, names lower-cased, for provenance. */
  public Map<String, String> asMap() {
    return given;
  }

  private static <E extends Enum<E> & Choice> E choice(Map<String, String> m, String name,
      E[] allowed, E fallback) {
    String v = m.get(name);
    if (v == null) {
      return fallback;
    }
    String lower = v.trim().toLowerCase(Locale.ROOT);
    for (E e : allowed) {
      if (e.text().equals(lower)) {
        return e;
      }
    }
    throw invalid(name, v, "one of " + String.join(", ",
        Arrays.stream(allowed).map(Choice::text).toList()));
  }

  /** A {@code true} / {@code false} option, false when not given. */
  private static boolean flag(Map<String, String> m, String name) {
    String v = m.get(name);
    if (v == null) {
      return false;
    }
    String lower = v.trim().toLowerCase(Locale.ROOT);
    if (!lower.equals("true") && !lower.equals("false")) {
      throw invalid(name, v, "one of true, false");
    }
    return lower.equals("true");
  }

  private static OptionalDouble cost(Map<String, String> m, String name) {
    String v = m.get(name);
    if (v == null) {
      return OptionalDouble.empty();
    }
    try {
      double d = Double.parseDouble(v.trim());
      if (!(d >= 0) || Double.isInfinite(d)) {
        throw invalid(name, v, "a non-negative number");
      }
      return OptionalDouble.of(d);
    } catch (NumberFormatException e) {
      throw invalid(name, v, "a non-negative number");
    }
  }

  private static EngineException invalid(String name, String value, String expected) {
    return ErrorCode.OPTION_VALUE.failure(name, expected, value);
  }
}
