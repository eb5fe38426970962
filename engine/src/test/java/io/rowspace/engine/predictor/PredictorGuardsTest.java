package io.rowspace.engine.predictor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rowspace.engine.data.ColumnSchema;
import io.rowspace.engine.data.Frame;
import io.rowspace.engine.space.EmbeddingSpace;
import io.rowspace.engine.space.EpochRecord;
import io.rowspace.engine.space.SpaceOptions;
import io.rowspace.engine.space.train.SpaceTrainer;
import io.rowspace.engine.space.TrainingMonitor;
import io.rowspace.engine.store.PredictorFormat;
import io.rowspace.engine.predictor.train.PredictorTrainer;
import io.rowspace.testsupport.RocAuc;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * On synthetic rows where one column, SIGNAL, decides a rare outcome and another outcome is a
 * coin flip, a user sees calibrated probabilities, thresholds that follow the costs they give,
 * SIGNAL ranked as the most important input, a warning for an input far outside the training
 * range, and no predictive power for the coin (the target never reaches the space's input).
 */
class PredictorGuardsTest {
  private static Frame train;
  private static Frame test;
  private static EmbeddingSpace space;
  private static Predictor rare;

  @BeforeAll
  static void trainSpaceAndPredictor() {
    // A small space over 2,000 rows keeps the test fast; the predictor is trained on 3,000 other
    // rows and judged on 3,000 more, all drawn from the same distribution.
    Frame spaceRows = rows(2000, new Random(11));
    train = rows(3000, new Random(12));
    test = rows(3000, new Random(13));
    space = SpaceTrainer.train(spaceRows, Map.of(), SpaceOptions.fromMap(Map.of("d_model", "32",
        "layers", "1", "epochs", "12")), TrainingMonitor.NONE);
    rare = PredictorTrainer.train(space, train, "RARE", PredictorOptions.defaults(),
        TrainingMonitor.NONE);
  }

  /** SIGNAL decides RARE (about 4% "yes"); COIN is a fair coin; the other columns are noise. */
  private static Frame rows(int n, Random random) {
    List<ColumnSchema> schema = List.of(
        new ColumnSchema("SIGNAL", Types.DOUBLE, "DOUBLE"),
        new ColumnSchema("NOISE_A", Types.DOUBLE, "DOUBLE"),
        new ColumnSchema("NOISE_B", Types.DOUBLE, "DOUBLE"),
        new ColumnSchema("GROUP_NAME", Types.VARCHAR, "VARCHAR"),
        new ColumnSchema("RARE", Types.VARCHAR, "VARCHAR"),
        new ColumnSchema("COIN", Types.VARCHAR, "VARCHAR"));
    String[] groups = {"north", "south", "east", "west"};
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double signal = random.nextGaussian();
      double p = 1 / (1 + Math.exp(-(3.0 * signal - 6.0)));
      rows.add(new Object[] {signal, random.nextGaussian(), random.nextGaussian(),
          groups[random.nextInt(4)], random.nextDouble() < p ? "yes" : "no",
          random.nextBoolean() ? "heads" : "tails"});
    }
    return Frame.ofRows(schema, rows);
  }

  @AfterAll
  static void close() {
    rare.close();
    space.close();
  }

  @Test
  void calibrationReducesExpectedCalibrationErrorOnAnImbalancedTarget() {
    // The network alone, trained as an imbalanced target is by default (class weights from
    // inverse square-root frequency, focal loss): both distort its raw probabilities, which is
    // what calibration on the validation rows must correct.
    try (Predictor predictor = PredictorTrainer.train(space, train, "RARE",
        PredictorOptions.fromMap(Map.of("trees", "false")), TrainingMonitor.NONE)) {
      calibratedProbabilitiesAreCloserToTheTruth(predictor, "network", true);
    }
    // The default predictor: about 24 positives among its validation rows are too few for
    // trees = auto to train trees (it may still mix in the linear model); its calibrated
    // probabilities must stay close to the truth.
    assertEquals("0.0", rare.resolvedOptions().get("tree_share"));
    calibratedProbabilitiesAreCloserToTheTruth(rare, "default", false);
  }

  private static void calibratedProbabilitiesAreCloserToTheTruth(Predictor predictor,
      String what, boolean reduces) {
    assertEquals("yes", predictor.positiveLabel());
    int rareColumn = test.indexOf("RARE");
    int n = test.rowCount();
    SpaceFeatures f = predictor.features(space, test, Set.of("RARE"));
    f.standardise(predictor.featureMean, predictor.featureStd);
    float[] logits = predictor.outputs(f);
    List<Prediction> predictions = predictor.predict(space, test);
    double[] raw = new double[n];
    double[] calibrated = new double[n];
    boolean[] positive = new boolean[n];
    for (int i = 0; i < n; i++) {
      raw[i] = Predictor.softmax(logits, i * 2, 2, 1.0)[predictor.classes().indexOf("yes")];
      calibrated[i] = predictions.get(i).probabilities().get("yes");
      positive[i] = test.value(i, rareColumn).equals("yes");
    }
    double rawError = topLabelCalibrationError(raw, positive);
    double calibratedError = topLabelCalibrationError(calibrated, positive);
    System.out.printf(Locale.ROOT, "imbalanced target, %s: calibration %s, held-out ECE %.4f before, %.4f "
        + "after; positive-class ECE %.4f before, %.4f after; log loss %.4f before, %.4f after;"
        + " validation ECE %.4f, AUC %.3f%n", what, predictor.calibration(), rawError,
        calibratedError, positiveClassError(raw, positive),
        positiveClassError(calibrated, positive),
        logLoss(raw, positive), logLoss(calibrated, positive),
        predictor.metrics().calibrationError(), predictor.metrics().auc());
    assertTrue(List.of("temperature", "platt", "isotonic").contains(predictor.calibration()));
    // The error users see in PREDICT_PROBA: how far the positive class's probability is from
    // the share of positives among rows given that probability. (The top-label error is
    // dominated by the confident "no" of most rows and hardly moves.)
    double rawPositive = positiveClassError(raw, positive);
    double calibratedPositive = positiveClassError(calibrated, positive);
    if (reduces) {
      assertTrue(calibratedPositive < rawPositive, "calibrated positive-class ECE "
          + calibratedPositive + " is not below the raw " + rawPositive);
      assertTrue(logLoss(calibrated, positive) < logLoss(raw, positive), "log loss");
    }
    assertTrue(calibratedPositive < 0.015, "calibrated positive-class ECE " + calibratedPositive);

    try (Predictor loaded = PredictorFormat.read(PredictorFormat.write(predictor))) {
      assertEquals(predictor.calibration(), loaded.calibration());
      assertEquals(predictions, loaded.predict(space, test));
    }
  }

  private static double positiveClassError(double[] p, boolean[] positive) {
    double[] sum = new double[10];
    double[] hits = new double[10];
    int[] count = new int[10];
    for (int i = 0; i < p.length; i++) {
      int b = Math.min(9, (int) (p[i] * 10));
      sum[b] += p[i];
      hits[b] += positive[i] ? 1 : 0;
      count[b]++;
    }
    double e = 0;
    for (int b = 0; b < 10; b++) {
      e += Math.abs(sum[b] - hits[b]) / p.length;
    }
    return e;
  }

  private static double logLoss(double[] p, boolean[] positive) {
    double l = 0;
    for (int i = 0; i < p.length; i++) {
      l -= Math.log(Math.max(1e-12, positive[i] ? p[i] : 1 - p[i]));
    }
    return l / p.length;
  }

  @Test
  void costlierFalseNegativesLowerTheThresholdAndTrainingIsReproducible() {
    try (Predictor missesCost = PredictorTrainer.train(space, train, "RARE",
        PredictorOptions.fromMap(Map.of("cost_false_negative", "20",
            "cost_false_positive", "1")), TrainingMonitor.NONE);
        Predictor alarmsCost = PredictorTrainer.train(space, train, "RARE",
            PredictorOptions.fromMap(Map.of("cost_false_positive", "20")),
            TrainingMonitor.NONE)) {
      System.out.printf(Locale.ROOT, "thresholds: F1 %.3f, false negatives cost 20: %.3f, false positives "
          + "cost 20: %.3f%n", rare.threshold(), missesCost.threshold(), alarmsCost.threshold());
      assertTrue(missesCost.threshold() < rare.threshold(), "threshold " + missesCost.threshold());
      assertTrue(alarmsCost.threshold() > rare.threshold(), "threshold " + alarmsCost.threshold());
      long flaggedMisses = missesCost.predict(space, test).stream()
          .filter(p -> p.label().equals("yes")).count();
      long flaggedAlarms = alarmsCost.predict(space, test).stream()
          .filter(p -> p.label().equals("yes")).count();
      assertTrue(flaggedMisses > flaggedAlarms, flaggedMisses + " vs " + flaggedAlarms);
      // Costs move only the threshold: trained again with the same data and seed, the network
      // and its calibrated probabilities are bit for bit the same.
      assertArrayEquals(rare.parameterValues, missesCost.parameterValues);
      assertEquals(rare.predict(space, test).get(3).probabilities(),
          missesCost.predict(space, test).get(3).probabilities());
    }
  }

  @Test
  void importanceRanksThePlantedSignalFirst() {
    Predictor predictor = rare;
    List<Explanation> explanations = predictor.explain(space, test);
    assertEquals(test.rowCount(), explanations.size());
    assertEquals(predictor.predict(space, test).get(7), explanations.get(7).prediction());
    Map<String, Double> meanAbsolute = new LinkedHashMap<>();
    for (Explanation e : explanations) {
      assertEquals(Set.of("SIGNAL", "NOISE_A", "NOISE_B", "GROUP_NAME", "COIN"),
          e.importance().keySet());
      e.importance().forEach((c, v) -> meanAbsolute.merge(c, Math.abs(v) / test.rowCount(),
          Double::sum));
    }
    System.out.println("mean |importance|: " + meanAbsolute);
    String top = meanAbsolute.entrySet().stream()
        .max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    assertEquals("SIGNAL", top);
    // For rows predicted "yes", a high SIGNAL is what pushes toward "yes".
    int signal = test.indexOf("SIGNAL");
    for (int i = 0; i < test.rowCount(); i++) {
      Explanation e = explanations.get(i);
      if (e.prediction().label().equals("yes") && (double) test.value(i, signal) > 2.5) {
        assertTrue(e.importance().get("SIGNAL") > 0, "row " + i + ": " + e.importance());
      }
    }
  }

  @Test
  void inputFarOutsideTheTrainingRangeIsReported() {
    List<ColumnSchema> schema = List.of(
        new ColumnSchema("SIGNAL", Types.DOUBLE, "DOUBLE"),
        new ColumnSchema("NOISE_A", Types.DOUBLE, "DOUBLE"),
        new ColumnSchema("NOISE_B", Types.VARCHAR, "VARCHAR"),
        new ColumnSchema("GROUP_NAME", Types.VARCHAR, "VARCHAR"),
        new ColumnSchema("COIN", Types.VARCHAR, "VARCHAR"));
    Frame rows = Frame.ofRows(schema, List.of(
        new Object[] {0.3, -0.2, "0.5", "north", "heads"},
        new Object[] {60.0, -0.2, "thirty", "north", "heads"}));
    List<Explanation> explanations = rare.explain(space, rows);
    List<String> usual = explanations.get(0).warnings();
    List<String> unusual = explanations.get(1).warnings();
    System.out.println("warnings: " + usual + " / " + unusual);
    assertEquals(List.of(), usual);
    assertTrue(unusual.stream().anyMatch(w -> w.startsWith("SIGNAL is ")
        && w.contains("standard deviations outside the training range")), unusual.toString());
    assertTrue(unusual.contains("NOISE_B value 'thirty' is not a valid number; treated as "
        + "missing"), unusual.toString());

    Frame withoutCoin = Frame.ofRows(schema.subList(0, 4),
        List.<Object[]>of(new Object[] {0.3, -0.2, "0.5", "north"}));
    assertTrue(rare.explain(space, withoutCoin).get(0).warnings()
        .contains("COIN is absent; treated as missing"));
  }

  @Test
  void aCoinFlipTargetIsNotPredictableBecauseTheTargetIsMasked() {
    // The space was trained on COIN itself: if the target reached the space's input when the
    // predictor computes a row's representation, this predictor would be nearly perfect.
    Recorder monitor = new Recorder();
    try (Predictor predictor = PredictorTrainer.train(space, train, "COIN",
        PredictorOptions.defaults(), monitor)) {
      int coin = test.indexOf("COIN");
      List<Double> scores = new ArrayList<>();
      List<Boolean> heads = new ArrayList<>();
      List<Prediction> predictions = predictor.predict(space, test);
      for (int i = 0; i < test.rowCount(); i++) {
        scores.add(predictions.get(i).probabilities().get("heads"));
        heads.add(test.value(i, coin).equals("heads"));
      }
      double heldOut = RocAuc.of(scores, heads);
      // The chance band of a held-out AUC over 500 rows is about 0.5 +- 0.026 per standard error.
      System.out.printf(Locale.ROOT, "coin flip: validation AUC %.3f, held-out AUC %.3f, warnings %s%n",
          predictor.metrics().auc(), heldOut, monitor.warnings);
      assertTrue(Math.abs(heldOut - 0.5) < 0.08, "held-out AUC " + heldOut);
      assertTrue(Math.abs(predictor.metrics().auc() - 0.5) < 0.1);
      assertTrue(monitor.warnings.stream().anyMatch(w -> w.contains("random predictions")),
          monitor.warnings.toString());
      assertTrue(monitor.warnings.stream().anyMatch(w -> w.contains("corrective retry")),
          monitor.warnings.toString());
      assertTrue(monitor.epochs.stream().anyMatch(e -> e.failures().contains("random predictions")
          && e.actions().contains("retry")));
    }
  }

  private static double topLabelCalibrationError(double[] positiveProbability,
      boolean[] positive) {
    int n = positive.length;
    double[] confidence = new double[n];
    boolean[] correct = new boolean[n];
    for (int i = 0; i < n; i++) {
      boolean sayYes = positiveProbability[i] >= 0.5;
      confidence[i] = sayYes ? positiveProbability[i] : 1 - positiveProbability[i];
      correct[i] = sayYes == positive[i];
    }
    return Metrics.calibrationError(confidence, correct);
  }

  /** Keeps what training reports. */
  static final class Recorder implements TrainingMonitor {
    final List<String> warnings = new ArrayList<>();
    final List<EpochRecord> epochs = new ArrayList<>();

    @Override
    public void progress(String phase, int step, int totalSteps, String message) {}

    @Override
    public void epoch(EpochRecord record) {
      epochs.add(record);
    }

    @Override
    public void warning(String message) {
      warnings.add(message);
    }
  }
}
