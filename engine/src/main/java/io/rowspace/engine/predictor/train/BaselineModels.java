package io.rowspace.engine.predictor.train;

import io.rowspace.error.ErrorCode;
import io.rowspace.engine.data.Frame;
import io.rowspace.engine.profile.ColumnProfile;
import io.rowspace.engine.profile.ValueParser;
import io.rowspace.engine.trees.BoostingLoss;
import io.rowspace.engine.trees.TreeBooster;
import io.rowspace.engine.predictor.LinearModel;
import io.rowspace.engine.predictor.Prediction;
import io.rowspace.engine.predictor.Predictor;
import io.rowspace.engine.predictor.PredictorOptions;
import io.rowspace.engine.predictor.Task;
import io.rowspace.engine.predictor.TreeInputs;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

/**
 * The models a predictor is compared with by {@code EVALUATE ... WITH (baselines = true)}: a
 * linear model (logistic, multinomial or least squares, {@link LinearModel}) and gradient-boosted
 * trees ({@link TreeBooster}, depth 6) on the raw root columns alone, as {@link TreeInputs} reads
 * them (no embedding, no related tables), trained on the predictor's training rows: 80 % fitted,
 * 20 % (stratified, from the predictor's seed) to early-stop the trees and, for binary targets,
 * to choose the threshold that maximises F1, as the predictor's was chosen. Their probabilities
 * are not calibrated. Same rows and seed give the same baselines.
 */
public final class BaselineModels {
  private static final double VALIDATION_FRACTION = 0.2;

  /** A trained baseline: its name ({@code linear} or {@code boosted_trees}) and its model. */
  public interface Baseline {
    String name();

    /** Binary: the threshold on the positive class's probability; NaN otherwise. */
    double threshold();

    /** Predictions of rows (the target, if present, is not read). */
    List<Prediction> predict(Frame rows);
  }

  private BaselineModels() {
  }

  /**
   * Trains both baselines.
   *
   * @param predictor the predictor compared: task, classes, positive class, input columns, seed
   * @param profiles the space's column profiles (which input columns are numbers, categories)
   * @param rows the training rows, with the target column
   * @param cancelled stops the trees' boosting between rounds
   */
  public static List<Baseline> train(Predictor predictor, List<ColumnProfile> profiles,
      Frame rows, BooleanSupplier cancelled) {
    String target = predictor.target();
    int targetColumn = rows.indexOf(target);
    Task task = predictor.task();
    List<String> classes = predictor.classes();
    int positive = task == Task.BINARY ? classes.indexOf(predictor.positiveLabel()) : -1;
    List<Integer> kept = new ArrayList<>();
    List<Float> values = new ArrayList<>();
    for (int i = 0; i < rows.rowCount(); i++) {
      Object v = targetColumn < 0 ? null : rows.value(i, targetColumn);
      if (ValueParser.isMissing(v, predictor.targetKind())) {
        continue;
      }
      String key = ValueParser.key(v, predictor.targetKind());
      if (key == null) {
        continue;
      }
      if (task == Task.REGRESSION) {
        kept.add(i);
        values.add(new BigDecimal(key).floatValue());
      } else if (classes.contains(key)) {
        kept.add(i);
        values.add((float) classes.indexOf(key));
      }
    }
    Frame data = rows.rows(kept.stream().mapToInt(Integer::intValue).toArray());
    int n = data.rowCount();
    long seed = Long.parseLong(predictor.options().getOrDefault("seed", "42"));
    int[][] split = split(values, task, seed);
    int[] fit = split[0];
    int[] validation = split[1];
    if (fit.length == 0 || validation.length == 0) {
      throw ErrorCode.TOO_FEW_BASELINE_ROWS.failure(target, n);
    }
    float[] memberTarget = new float[n];
    float[] statistic = new float[n];
    double mean = 0;
    double std = 1;
    if (task == Task.REGRESSION) {
      double sum = 0;
      for (int i : fit) {
        sum += values.get(i);
      }
      mean = sum / fit.length;
      double squares = 0;
      for (int i : fit) {
        squares += (values.get(i) - mean) * (values.get(i) - mean);
      }
      std = Math.max(1e-12, Math.sqrt(squares / fit.length));
    }
    for (int i = 0; i < n; i++) {
      float v = values.get(i);
      memberTarget[i] = switch (task) {
        case BINARY -> v == positive ? 1f : 0f;
        case MULTICLASS -> v;
        case REGRESSION -> (float) ((v - mean) / std);
      };
      statistic[i] = task == Task.MULTICLASS ? Float.NaN : memberTarget[i];
    }
    TreeInputs inputs = TreeInputs.fit(profiles, List.of(), predictor.inputColumns(), data, fit,
        statistic);
    if (inputs.width() == 0) {
      throw ErrorCode.NO_BASELINE_INPUTS.failure(target);
    }
    float[] x = inputs.values(data, Set.of(target));
    BoostingLoss loss = task == Task.REGRESSION ? BoostingLoss.SQUARED
        : task == Task.BINARY ? BoostingLoss.LOGISTIC : BoostingLoss.SOFTMAX;
    LinearModel linear = LinearModel.fit(x, inputs.width(), fit, loss, classes.size(),
        memberTarget, seed);
    TreeBooster.Result trees = TreeBooster.train(x, inputs.width(), fit, validation, loss,
        classes.size(), memberTarget, TreeBooster.Settings.forRows(fit.length, seed),
        new TreeBooster.Progress() {
          @Override
          public void round(int round, int maxRounds, double validationLoss) {
          }

          @Override
          public boolean cancelled() {
            return cancelled.getAsBoolean();
          }
        });
    if (trees.cancelled()) {
      throw ErrorCode.BASELINES_CANCELLED.failure();
    }
    Member linearMember = new Member("linear", predictor, inputs, mean, std, Double.NaN,
        (m, r) -> linear.predict(m, r));
    Member treeMember = new Member("boosted_trees", predictor, inputs, mean, std, Double.NaN,
        (m, r) -> trees.trees().predict(m, r));
    List<Baseline> baselines = new ArrayList<>();
    for (Member member : List.of(linearMember, treeMember)) {
      baselines.add(task == Task.BINARY
          ? member.withThreshold(data.rows(validation), validation, values, positive)
          : member);
    }
    return Collections.unmodifiableList(baselines);
  }

  /** Stratified (classification) or plain seeded split into fitting and validation rows. */
  private static int[][] split(List<Float> values, Task task, long seed) {
    Map<Float, List<Integer>> groups = new TreeMap<>();
    for (int i = 0; i < values.size(); i++) {
      groups.computeIfAbsent(task == Task.REGRESSION ? 0f : values.get(i),
          g -> new ArrayList<>()).add(i);
    }
    Random random = new Random(seed);
    List<Integer> fit = new ArrayList<>();
    List<Integer> validation = new ArrayList<>();
    for (List<Integer> group : groups.values()) {
      List<Integer> shuffled = new ArrayList<>(group);
      Collections.shuffle(shuffled, random);
      int v = (int) Math.round(group.size() * VALIDATION_FRACTION);
      if (group.size() >= 2) {
        v = Math.max(1, Math.min(group.size() - 1, v));
      }
      for (int i = 0; i < shuffled.size(); i++) {
        (i < v ? validation : fit).add(shuffled.get(i));
      }
    }
    Collections.sort(fit);
    Collections.sort(validation);
    return new int[][] {fit.stream().mapToInt(Integer::intValue).toArray(),
        validation.stream().mapToInt(Integer::intValue).toArray()};
  }

  /** Margins of a trained member for rows of its inputs. */
  @FunctionalInterface
  private interface Margins {
    float[] of(float[] rows, int n);
  }

  /** One baseline: a member's margins turned into predictions. */
  private record Member(String name, Predictor predictor, TreeInputs inputs, double mean,
      double std, double threshold, Margins margins) implements Baseline {

    /** The same member with the binary threshold that maximises F1 on the validation rows. */
    Member withThreshold(Frame validationRows, int[] validation, List<Float> values,
        int positive) {
      List<Prediction> predictions = predict(validationRows);
      double[][] probabilities = new double[validation.length][];
      int[] truth = new int[validation.length];
      for (int i = 0; i < validation.length; i++) {
        Map<String, Double> p = predictions.get(i).probabilities();
        probabilities[i] = new double[predictor.classes().size()];
        for (int j = 0; j < probabilities[i].length; j++) {
          probabilities[i][j] = p.get(predictor.classes().get(j));
        }
        truth[i] = Math.round(values.get(validation[i]));
      }
      double best = DecisionThreshold.choose(probabilities, truth, positive,
          PredictorOptions.defaults());
      return new Member(name, predictor, inputs, mean, std, best, margins);
    }

    @Override
    public List<Prediction> predict(Frame rows) {
      int n = rows.rowCount();
      float[] m = margins.of(inputs.values(rows, Set.of(predictor.target())), n);
      List<Prediction> out = new ArrayList<>(n);
      List<String> classes = predictor.classes();
      for (int i = 0; i < n; i++) {
        switch (predictor.task()) {
          case REGRESSION -> out.add(new Prediction(null, mean + std * m[i], Map.of()));
          case BINARY -> {
            int positive = classes.indexOf(predictor.positiveLabel());
            double p = 1 / (1 + Math.exp(-m[i]));
            Map<String, Double> probabilities = new LinkedHashMap<>();
            probabilities.put(classes.get(0), positive == 0 ? p : 1 - p);
            probabilities.put(classes.get(1), positive == 1 ? p : 1 - p);
            double cut = Double.isNaN(threshold) ? 0.5 : threshold;
            String label = classes.get(p >= cut ? positive : 1 - positive);
            out.add(new Prediction(label, probabilities.get(label),
                Collections.unmodifiableMap(probabilities)));
          }
          default -> {
            int k = classes.size();
            double[] p = Predictor.softmax(m, i * k, k, 1.0);
            Map<String, Double> probabilities = new LinkedHashMap<>();
            int top = 0;
            for (int j = 0; j < k; j++) {
              probabilities.put(classes.get(j), p[j]);
              if (p[j] > p[top]) {
                top = j;
              }
            }
            out.add(new Prediction(classes.get(top), p[top],
                Collections.unmodifiableMap(probabilities)));
          }
        }
      }
      return out;
    }
  }
}
