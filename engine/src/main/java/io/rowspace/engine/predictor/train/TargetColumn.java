package io.rowspace.engine.predictor.train;

import io.rowspace.engine.data.Frame;
import io.rowspace.engine.data.RowOrder;
import io.rowspace.engine.predictor.PredictorOptions;
import io.rowspace.engine.predictor.TargetScale;
import io.rowspace.engine.predictor.Task;
import io.rowspace.engine.profile.ValueKind;
import io.rowspace.engine.profile.ValueParser;
import io.rowspace.engine.space.TrainingMonitor;
import io.rowspace.error.EngineException;
import io.rowspace.error.ErrorCode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * The target column of a training run, read and checked: the rows with a usable value, the task
 * (detected or given), the classes in canonical order with each row's class index and the
 * positive class (binary), or each row's number (regression); and what follows from them, the
 * class weights (inverse square-root frequency on the fitting rows) and the loss {@code auto}
 * resolves to. Labels keep the target's own SQL type: a VARCHAR of 'yes'/'no' predicts
 * 'yes'/'no', even though the space encodes such an input column as a boolean.
 */
final class TargetColumn {
  static final int MAX_CLASSES = 100;
  /**
   * Validation rows of the rarest class (for regression, a quarter of the validation rows) below
   * which {@code trees = auto} trains no trees (the linear model is still tried).
   */
  static final int MIN_CHOICE_ROWS = 50;

  private final String name;
  private final ValueKind kind;
  private final Task task;
  private final Frame data;
  private final Map<String, Integer> counts;
  private final List<String> classes;
  private final int[] label;
  private final double[] value;
  private final String positive;

  private TargetColumn(String name, ValueKind kind, Task task, Frame data,
      Map<String, Integer> counts, List<String> keys, PredictorOptions options) {
    this.name = name;
    this.kind = kind;
    this.task = task;
    this.data = data;
    this.counts = counts;
    int n = keys.size();
    this.label = new int[n];
    this.value = new double[n];
    List<String> sorted = new ArrayList<>();
    String chosen = null;
    if (task == Task.REGRESSION) {
      for (int i = 0; i < n; i++) {
        try {
          value[i] = new BigDecimal(keys.get(i)).doubleValue();
        } catch (NumberFormatException e) {
          throw ErrorCode.TARGET_NOT_NUMERIC.failure(name, keys.get(i));
        }
      }
    } else {
      sorted.addAll(counts.keySet());
      sorted.sort(labelOrder(kind));
      for (int i = 0; i < n; i++) {
        label[i] = sorted.indexOf(keys.get(i));
      }
      if (task == Task.BINARY) {
        chosen = positiveLabel(sorted, options);
      }
    }
    this.classes = List.copyOf(sorted);
    this.positive = chosen;
  }

  /**
   * Reads the target column of the rows: rows with a NULL or unreadable target are left out
   * (unreadable ones with a warning).
   *
   * @throws EngineException INVALID_OPTION or UNUSABLE_DATA naming the column and the fix
   */
  static TargetColumn read(Frame rows, String targetColumn, PredictorOptions options,
      TrainingMonitor m) {
    int targetIndex = rows.indexOf(targetColumn);
    if (targetIndex < 0) {
      throw ErrorCode.TARGET_NOT_A_COLUMN.failure(targetColumn);
    }
    ValueKind kind = ValueKind.of(rows.columns().get(targetIndex).jdbcType());
    if (kind == ValueKind.OTHER) {
      throw ErrorCode.TARGET_TYPE.failure(targetColumn,
          rows.columns().get(targetIndex).typeName());
    }
    Object[] values = rows.column(targetIndex);
    List<Integer> kept = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    long unparseable = 0;
    for (int i = 0; i < values.length; i++) {
      if (ValueParser.isMissing(values[i], kind)) {
        continue;
      }
      String key = ValueParser.key(values[i], kind);
      if (key == null) {
        unparseable++;
        continue;
      }
      kept.add(i);
      keys.add(key);
    }
    if (unparseable > 0) {
      m.warning("Target column '" + targetColumn + "' has " + unparseable + " value(s) that are "
          + "not valid " + kind.name().toLowerCase(Locale.ROOT) + " values; those rows are skipped.");
    }
    Map<String, Integer> counts = new TreeMap<>();
    for (String k : keys) {
      counts.merge(k, 1, Integer::sum);
    }
    if (counts.isEmpty()) {
      throw ErrorCode.TARGET_EMPTY.failure(targetColumn, rows.rowCount());
    }
    if (counts.size() == 1) {
      throw ErrorCode.TARGET_CONSTANT.failure(targetColumn,
          counts.keySet().iterator().next(), keys.size());
    }
    Task task = options.task().orElseGet(() -> detectTask(counts.size(), keys.size(), kind));
    if (task != Task.REGRESSION && counts.size() > MAX_CLASSES) {
      throw ErrorCode.TOO_MANY_CLASSES.failure(targetColumn, counts.size(), MAX_CLASSES);
    }
    if (task == Task.BINARY && counts.size() != 2) {
      throw ErrorCode.BINARY_NEEDS_TWO_VALUES.failure(targetColumn, counts.size());
    }
    int[] rowIndex = kept.stream().mapToInt(Integer::intValue).toArray();
    return new TargetColumn(targetColumn, kind, task, rows.rows(rowIndex), counts, keys, options);
  }

  static Task detectTask(int distinct, int rows, ValueKind kind) {
    if (kind == ValueKind.NUMBER && distinct > 10) {
      return Task.REGRESSION;
    }
    return distinct == 2 ? Task.BINARY : Task.MULTICLASS;
  }

  static Comparator<String> labelOrder(ValueKind kind) {
    if (kind == ValueKind.NUMBER) {
      return Comparator.comparing(BigDecimal::new);
    }
    return Comparator.naturalOrder();
  }

  private String positiveLabel(List<String> sorted, PredictorOptions options) {
    if (options.positiveLabel().isPresent()) {
      String given = options.positiveLabel().get();
      String key = ValueParser.isMissing(given, kind) ? null : ValueParser.key(given, kind);
      if (key == null || !sorted.contains(key)) {
        throw ErrorCode.UNKNOWN_POSITIVE_LABEL.failure(given, name, String.join(", ", sorted));
      }
      return key;
    }
    String a = sorted.get(0);
    String b = sorted.get(1);
    return counts.get(a) < counts.get(b) ? a : b;
  }

  /** The column's name. */
  String name() {
    return name;
  }

  ValueKind kind() {
    return kind;
  }

  Task task() {
    return task;
  }

  /** The rows with a target value, the training run's rows. */
  Frame data() {
    return data;
  }

  /** Canonical class labels, in the order of the network's outputs; empty for regression. */
  List<String> classes() {
    return classes;
  }

  /** Per row, its class index (classification). */
  int[] label() {
    return label;
  }

  /** Per row, its number (regression). */
  double[] value() {
    return value;
  }

  /** The positive class of a binary target, else null. */
  String positive() {
    return positive;
  }

  /** The positive class's index of a binary target, else -1. */
  int positiveIndex() {
    return positive == null ? -1 : classes.indexOf(positive);
  }

  /** The network's outputs: one per class, or one value. */
  int outputs() {
    return task == Task.REGRESSION ? 1 : classes.size();
  }

  /** Share of each class among the rows; empty for regression. */
  Map<String, Double> distribution() {
    Map<String, Double> distribution = new LinkedHashMap<>();
    for (String c : classes) {
      distribution.put(c, counts.get(c) / (double) label.length);
    }
    return distribution;
  }

  /** Per row, what the network learns: the class index, or the value on the model's scale. */
  float[] modelTargets(TargetScale scale) {
    float[] targets = new float[label.length];
    for (int i = 0; i < targets.length; i++) {
      targets[i] = task == Task.REGRESSION ? scale.toModel(value[i]) : label[i];
    }
    return targets;
  }

  /**
   * Per class, inverse square-root frequency on the fitting rows, scaled so the fitting rows'
   * weights sum to their count; empty for regression.
   */
  float[] classWeights(int[] fit) {
    int k = outputs();
    float[] classWeight = new float[k];
    if (task == Task.REGRESSION) {
      return classWeight;
    }
    int[] classCount = classCounts(fit);
    double sum = 0;
    for (int j = 0; j < k; j++) {
      classWeight[j] = (float) (1 / Math.sqrt(Math.max(1, classCount[j])));
      sum += classWeight[j] * classCount[j];
    }
    for (int j = 0; j < k; j++) {
      classWeight[j] *= (float) (fit.length / sum);
    }
    return classWeight;
  }

  /**
   * The loss the head trains with: {@code auto} is focal when the rarest class has less than half
   * its even share of the fitting rows, else cross-entropy, and mse for regression.
   *
   * @throws EngineException INVALID_OPTION when the loss given is for the other kind of task
   */
  PredictorOptions.Loss loss(PredictorOptions.Loss given, int[] fit) {
    PredictorOptions.Loss loss = given;
    if (task != Task.REGRESSION) {
      if (loss == PredictorOptions.Loss.AUTO) {
        int min = Arrays.stream(classCounts(fit)).min().orElse(0);
        loss = min < 0.5 * fit.length / outputs() ? PredictorOptions.Loss.FOCAL
            : PredictorOptions.Loss.CROSS_ENTROPY;
      }
      if (loss.forRegression()) {
        throw ErrorCode.REGRESSION_LOSS_FOR_CLASSES.failure(loss.text(), name,
            task.name().toLowerCase(Locale.ROOT));
      }
    } else {
      if (loss == PredictorOptions.Loss.AUTO) {
        loss = PredictorOptions.Loss.MSE;
      }
      if (!loss.forRegression()) {
        throw ErrorCode.CLASSIFICATION_LOSS_FOR_NUMBERS.failure(loss.text(), name);
      }
    }
    return loss;
  }

  private int[] classCounts(int[] rows) {
    int[] classCount = new int[outputs()];
    for (int i : rows) {
      classCount[label[i]]++;
    }
    return classCount;
  }

  /**
   * Why the validation rows are too few to choose reliably between the network and a blend
   * with trees, or null when they are enough: fewer than {@link #MIN_CHOICE_ROWS} rows of the
   * rarest class (classification) or fewer than {@link #MIN_CHOICE_ROWS} * 4 rows (regression).
   * On psid (95 validation rows, 12 of the rarest class) trees halved the validation log loss
   * and still lowered held-out AUC, for three seeds out of three.
   */
  String tooFewToChoose(int[] validation) {
    if (task == Task.REGRESSION) {
      return validation.length < 4 * MIN_CHOICE_ROWS ? "the validation rows are only "
          + validation.length : null;
    }
    int[] count = new int[counts.size()];
    for (int i : validation) {
      count[label[i]]++;
    }
    int rarest = Arrays.stream(count).min().orElse(0);
    return rarest < MIN_CHOICE_ROWS ? "the validation rows hold only " + rarest + " of the "
        + "rarest class" : null;
  }

  /**
   * Splits the rows into fitting and validation rows: stratified by class (classification) or
   * plain random (regression), {@link ResolvedOptions#VALIDATION_FRACTION} of each group (at
   * least one row, and one left to fit, in a group of two or more) to validation.
   *
   * @return the fitting rows and the validation rows, each ascending
   */
  int[][] split(Random random) {
    int n = label.length;
    Map<Integer, List<Integer>> groups = new TreeMap<>();
    for (int i = 0; i < n; i++) {
      groups.computeIfAbsent(task == Task.REGRESSION ? 0 : label[i], g -> new ArrayList<>())
          .add(i);
    }
    List<Integer> fit = new ArrayList<>();
    List<Integer> validation = new ArrayList<>();
    for (List<Integer> group : groups.values()) {
      int[] order = RowOrder.shuffled(group.size(), random);
      int v = (int) Math.round(group.size() * ResolvedOptions.VALIDATION_FRACTION);
      if (group.size() >= 2) {
        v = Math.max(1, Math.min(group.size() - 1, v));
      }
      for (int i = 0; i < group.size(); i++) {
        (i < v ? validation : fit).add(group.get(order[i]));
      }
    }
    if (validation.isEmpty() || fit.isEmpty()) {
      throw ErrorCode.TOO_FEW_TARGET_ROWS.failure(name, n);
    }
    return new int[][] {
      fit.stream().mapToInt(Integer::intValue).sorted().toArray(),
      validation.stream().mapToInt(Integer::intValue).sorted().toArray()
    };
  }
}
