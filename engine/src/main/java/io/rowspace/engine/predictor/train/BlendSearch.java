package io.rowspace.engine.predictor.train;

import io.rowspace.engine.data.Frame;
import io.rowspace.engine.predictor.LinearModel;
import io.rowspace.engine.predictor.PredictorHead;
import io.rowspace.engine.predictor.PredictorOptions;
import io.rowspace.engine.predictor.SpaceFeatures;
import io.rowspace.engine.predictor.Task;
import io.rowspace.engine.predictor.TreeBlend;
import io.rowspace.engine.predictor.TreeInputs;
import io.rowspace.engine.space.EmbeddingSpace;
import io.rowspace.engine.space.EpochRecord;
import io.rowspace.engine.space.TrainingMonitor;
import io.rowspace.engine.trees.BoostingLoss;
import io.rowspace.engine.trees.TreeBooster;
import io.rowspace.error.ErrorCode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Trains a linear model and (when {@code withTrees}) boosted trees at each depth of
 * {@link #TREE_DEPTHS} on the rows' input columns, and chooses the network mixed with them at the
 * depth and shares (quarters) that {@link BlendChoice} picks on the members' out-of-fold outputs
 * of the training rows ({@link OutOfFoldMembers}: every row up to 2,500, whole folds covering at
 * least {@link OutOfFoldMembers#ROWS_SCORED} above; the validation rows above
 * {@link OutOfFoldMembers#MAX_ROWS}): the lowest loss, or a mixture of more members within noise
 * of it ({@code trees = auto} may keep the network alone, {@code true} keeps a tree share of at
 * least a quarter, {@code only} and {@code linear} keep one member alone); the chosen blend is
 * then calibrated and measured on the validation rows. The trees are early-stopped on the
 * validation rows; the linear model is cross-fitted on all training rows
 * ({@link CrossFittedLinear}: its penalty chosen on folds, its validation margins out of fold, the
 * model kept refitted on every row), so it is also tried when the validation rows are too few to
 * early-stop trees on. Neither reads the
 * embedding: the network does, and members over the raw columns make errors of their own, which
 * the blend averages out (on the four shared sets with trees, validation loss was lower without
 * the embedding in every one).
 */
final class BlendSearch {
  /**
   * Tree depths tried, the better kept on the validation rows: shallow trees won on ames and the
   * classification sets, deep ones on diamonds (docs/benchmarks.md).
   */
  static final int[] TREE_DEPTHS = {4, 6};
  /** Blends whose validation scores the timeline and the options show, the best first. */
  static final int BLENDS_SHOWN = 6;

  /**
   * The blend chosen.
   *
   * @param best the chosen evaluation (the network's own when no blend beat it)
   * @param decided what the resolved options record of the choice
   */
  record Result(Evaluation best, TrainingDecisions.Blend decided) {}

  private final EmbeddingSpace space;
  private final TargetColumn target;
  private final TrainingData data;
  private final ValidationScoring scoring;
  private final PredictorOptions.Trees trees;
  private final long seed;
  private final TrainingMonitor monitor;

  BlendSearch(EmbeddingSpace space, TargetColumn target, TrainingData data,
      ValidationScoring scoring, ResolvedOptions resolved, TrainingMonitor monitor) {
    this.space = space;
    this.target = target;
    this.data = data;
    this.scoring = scoring;
    this.trees = resolved.trees();
    this.seed = resolved.seed();
    this.monitor = monitor;
  }

  /**
   * Searches the blends of the network's evaluation with the members.
   *
   * @param features the network's features of every row (standardised), of the space kept
   * @param epochsSoFar the timeline's last epoch
   * @param fitting the head's fit over {@code features}, whose schedule fold heads follow
   * @param networkEpochs the epochs the network trained before the weights it kept
   */
  Result search(PredictorHead head, Evaluation network, SpaceFeatures features, List<String> inputs,
      int epochsSoFar, boolean withTrees, FrozenHeadFit fitting, int networkEpochs) {
    Frame rows = target.data();
    Task task = target.task();
    int[] fit = data.fit();
    int[] validation = data.validation();
    int n = rows.rowCount();
    int positiveIndex = target.positiveIndex();
    int classCount = target.classes().size();
    float[] memberTarget = new float[n];
    float[] statistic = new float[n];
    BoostingLoss loss = task == Task.REGRESSION ? BoostingLoss.SQUARED
        : task == Task.BINARY ? BoostingLoss.LOGISTIC : BoostingLoss.SOFTMAX;
    for (int i = 0; i < n; i++) {
      memberTarget[i] = switch (task) {
        case BINARY -> target.label()[i] == positiveIndex ? 1f : 0f;
        case MULTICLASS -> target.label()[i];
        case REGRESSION -> data.targetValues()[i];
      };
      statistic[i] = task == Task.MULTICLASS ? Float.NaN : memberTarget[i];
    }
    TreeInputs treeInputs = TreeInputs.fit(space.columns(), space.relations(), inputs, rows,
        fit, statistic);
    SpaceFeatures withInputs = features.withTreeValues(
        treeInputs.values(rows, Set.of(target.name())), treeInputs.width());
    float[] inputRows = withInputs.treeRows(0);
    SpaceFeatures validationFeatures = withInputs.select(validation);
    monitor.progress("linear", 0, 1, "cross-fitting a linear model on "
        + String.join(", ", treeInputs.names()));
    int[] training = union(fit, validation);
    CrossFittedLinear crossFitted = CrossFittedLinear.fit(inputRows, treeInputs.width(),
        training, loss, classCount, memberTarget, seed);
    LinearModel linear = crossFitted.model();
    TreeBooster.Settings defaults = TreeBooster.Settings.forRows(fit.length, seed);
    boolean treesRequired = trees == PredictorOptions.Trees.REQUIRED;
    boolean alone = trees == PredictorOptions.Trees.TREES_ALONE
        || trees == PredictorOptions.Trees.LINEAR_ALONE;
    List<Candidate> candidates = new ArrayList<>();
    boolean linearTried = !treesRequired && trees != PredictorOptions.Trees.TREES_ALONE;
    for (int linearQuarters = alone ? 4 : 1; linearTried && linearQuarters <= 4;
        linearQuarters++) {
      candidates.add(new Candidate(0, linearQuarters / 4.0, null, null));
    }
    boolean treesTried = withTrees && trees != PredictorOptions.Trees.LINEAR_ALONE;
    for (int depth : treesTried ? TREE_DEPTHS : new int[0]) {
      TreeBooster.Settings settings = defaults.withMaxDepth(depth);
      TreeBooster.Result boosted = boost(inputRows, treeInputs, loss, classCount, memberTarget,
          settings);
      for (int treeQuarters = alone ? 4 : 1; treeQuarters <= 4; treeQuarters++) {
        for (int linearQuarters = 0; treeQuarters + linearQuarters <= 4; linearQuarters++) {
          candidates.add(new Candidate(treeQuarters / 4.0, linearQuarters / 4.0, boosted,
              settings));
        }
      }
    }
    boolean networkTried = !treesRequired && !alone;
    if (networkTried || candidates.isEmpty()) {
      candidates.add(0, new Candidate(0, 0, null, null));
    }
    int k = head.outputs();
    // The validation rows' outputs of the members kept: what the chosen blend is calibrated and
    // measured on (the linear model's are out of fold, from fold models that did not see them).
    float[] networkOutputs = scoring.outputs(head, network.parameters(), validationFeatures,
        null);
    float[] linearMargins = crossFitted.outOfFold(validation, linear.outputs());
    Map<TreeBooster.Result, float[]> treeMargins = new IdentityHashMap<>();
    // The rows the blend is chosen on, and each member's outputs there, computed once and mixed
    // per candidate: out of fold on every training row, or (many rows) the validation rows.
    boolean outOfFold = training.length <= OutOfFoldMembers.MAX_ROWS;
    OutOfFoldMembers folds = OutOfFoldMembers.of(training, memberTarget,
        loss != BoostingLoss.SQUARED, seed);
    int[] choiceRows = outOfFold ? folds.scoredRows() : validation;
    ValidationScoring choiceScoring = outOfFold ? scoring.on(choiceRows) : scoring;
    boolean networkMixed = candidates.stream().anyMatch(c -> c.treeShare() + c.linearShare() < 1);
    float[] networkChoice = !outOfFold ? networkOutputs : networkMixed ? folds.network(fitting,
        head, network.setting(), networkEpochs, features, seed, monitor) : null;
    float[] linearChoice = outOfFold ? crossFitted.outOfFold(choiceRows, linear.outputs())
        : linearMargins;
    Map<TreeBooster.Result, float[]> treeChoice = new IdentityHashMap<>();
    Map<String, Double> tried = new LinkedHashMap<>();
    List<BlendChoice.Scored> scored = new ArrayList<>();
    for (Candidate candidate : candidates) {
      TreeBlend mix = candidate.mix(treeInputs, linear);
      float[] trees = candidate.trees() == null ? null : treeChoice.computeIfAbsent(
          candidate.trees(), t -> outOfFold
              ? folds.trees(inputRows, treeInputs.width(), loss, classCount, memberTarget,
                  candidate.settings(), t.bestRound(), monitor)
              : treeMargins.computeIfAbsent(t, v -> validationTrees(v, validationFeatures)));
      float[] outputs = mix.combine(mix.needsNetwork() ? networkChoice : null, trees,
          linearChoice, choiceRows.length, k, positiveIndex);
      Evaluation e = choiceScoring.measure(outputs, k, network.parameters(), network.setting(),
          network.last(), mix);
      tried.put(candidate.label(), e.score());
      scored.add(new BlendChoice.Scored(e.score(), choiceScoring.rowLosses(e, outputs, k),
          new double[] {1 - candidate.treeShare() - candidate.linearShare(),
              candidate.treeShare(), candidate.linearShare()}));
    }
    BlendChoice.Choice choice = BlendChoice.choose(scored, task != Task.REGRESSION);
    Candidate chosen = candidates.get(choice.chosen());
    Evaluation best = network;
    if (chosen.treeShare() > 0 || chosen.linearShare() > 0) {
      TreeBlend mix = chosen.mix(treeInputs, linear);
      float[] outputs = mix.combine(mix.needsNetwork() ? networkOutputs : null,
          chosen.trees() == null ? null : treeMargins.computeIfAbsent(chosen.trees(),
              t -> validationTrees(t, validationFeatures)),
          linearMargins, validation.length, k, positiveIndex);
      best = scoring.measure(outputs, k, network.parameters(), network.setting(),
          network.last(), mix);
    }
    String metric = task == Task.REGRESSION ? "rmse" : "log loss";
    String ranked = ranked(tried, BLENDS_SHOWN);
    String why = choice.reason().isEmpty() ? "" : ", " + choice.reason();
    String on = outOfFold ? String.format(Locale.ROOT, "out-of-fold %s of %d of the %d training "
        + "rows (%d of %d folds)", metric, choiceRows.length, training.length, folds.scoredFolds(),
        CrossFittedLinear.FOLDS)
        : String.format(Locale.ROOT, "validation %s (more than %d training rows)", metric,
            OutOfFoldMembers.MAX_ROWS);
    String outcome = String.format(Locale.ROOT, "blend: %s chosen on %s%s (best of %d: %s); "
        + "linear penalty %s chosen on %d folds (out-of-fold loss %s)", chosen.describe(), on,
        why, tried.size(), ranked, crossFitted.penalty(), CrossFittedLinear.FOLDS,
        foldLosses(crossFitted));
    monitor.epoch(new EpochRecord(epochsSoFar + 1, defaults.learningRate(), Double.NaN,
        chosen.trees() == null ? Double.NaN : chosen.trees().validationLoss(), Double.NaN,
        Double.NaN, Double.NaN, Double.NaN, Double.NaN, "", outcome));
    monitor.warning("Predictor of '" + target.name() + "': " + (best == network
        ? "kept the network alone; " + (withTrees ? "boosted trees and " : "")
            + "a linear model did not lower the " + on
        : "mixed " + chosen.describe() + " over " + treeInputs.width() + " input(s) into the "
            + "network's outputs" + why)
        + String.format(Locale.ROOT, "; validation %s %.4f network alone, %.4f chosen.",
            metric, network.score(), best.score()));
    return new Result(best, new TrainingDecisions.Blend(chosen.treeShare(),
        chosen.linearShare(), withTrees, defaults.learningRate(),
        chosen.trees() == null ? 0 : chosen.trees().bestRound(),
        chosen.trees() == null ? 0 : chosen.settings().maxDepth(), treeInputs.names(), ranked,
        crossFitted.penalty(), choice.reason(), outOfFold ? "out_of_fold" : "validation"));
  }

  /** The early-stopped trees' margins on the validation rows. */
  private static float[] validationTrees(TreeBooster.Result trees, SpaceFeatures validation) {
    return trees.trees().predict(validation.treeRows(0), validation.rows());
  }

  /** The fitting and validation rows together, ascending. */
  private static int[] union(int[] fit, int[] validation) {
    int[] all = new int[fit.length + validation.length];
    System.arraycopy(fit, 0, all, 0, fit.length);
    System.arraycopy(validation, 0, all, fit.length, validation.length);
    Arrays.sort(all);
    return all;
  }

  private static String foldLosses(CrossFittedLinear crossFitted) {
    List<String> parts = new ArrayList<>();
    crossFitted.foldLoss().forEach((penalty, l) -> parts.add(String.format(Locale.ROOT,
        "%s: %.4f", penalty, l)));
    return String.join(", ", parts);
  }

  /** The {@code shown} lowest-scoring entries, lowest first, as "name: score, ...". */
  private static String ranked(Map<String, Double> scores, int shown) {
    List<Map.Entry<String, Double>> entries = new ArrayList<>(scores.entrySet());
    entries.sort(Map.Entry.comparingByValue());
    List<String> parts = new ArrayList<>();
    for (Map.Entry<String, Double> e : entries.subList(0, Math.min(shown, entries.size()))) {
      parts.add(String.format(Locale.ROOT, "%s: %.4f", e.getKey(), e.getValue()));
    }
    return String.join(", ", parts);
  }

  /**
   * What a blend mixes into the network: the trees' share and the linear model's, the trees
   * (null without a share) and the settings they were boosted with.
   */
  private record Candidate(double treeShare, double linearShare, TreeBooster.Result trees,
      TreeBooster.Settings settings) {
    /** The blend to evaluate or keep, holding only the members with a share. */
    TreeBlend mix(TreeInputs inputs, LinearModel linear) {
      return new TreeBlend(inputs, trees == null ? null : trees.trees(), treeShare, 0,
          linearShare > 0 ? linear : null, linearShare);
    }

    /** How the validation scores name it. */
    String label() {
      if (trees == null && linearShare == 0) {
        return "network";
      }
      return (trees == null ? "" : String.format(Locale.ROOT, "depth %d trees %.2f, ",
          settings.maxDepth(), treeShare))
          + String.format(Locale.ROOT, "linear %.2f", linearShare);
    }

    String describe() {
      List<String> parts = new ArrayList<>();
      if (treeShare > 0) {
        parts.add(String.format(Locale.ROOT, "boosted trees (depth %d, %d rounds) at a share "
            + "of %.2f", settings.maxDepth(), trees.bestRound(), treeShare));
      }
      if (linearShare > 0) {
        parts.add(String.format(Locale.ROOT, "a linear model at a share of %.2f",
            linearShare));
      }
      return parts.isEmpty() ? "the network alone" : String.join(" and ", parts);
    }
  }

  /** Boosts trees at one setting, reporting progress; a cancel stops the whole training. */
  private TreeBooster.Result boost(float[] treeRows, TreeInputs treeInputs, BoostingLoss loss,
      int classCount, float[] treeTarget, TreeBooster.Settings settings) {
    String phase = "trees (depth " + settings.maxDepth() + ")";
    monitor.progress(phase, 0, settings.maxRounds(), "boosting trees of depth "
        + settings.maxDepth() + " on " + String.join(", ", treeInputs.names()));
    TreeBooster.Result boosted = TreeBooster.train(treeRows, treeInputs.width(), data.fit(),
        data.validation(), loss, classCount, treeTarget, settings, new TreeBooster.Progress() {
          @Override
          public void round(int round, int maxRounds, double validationLoss) {
            if (round % 25 == 0) {
              monitor.progress(phase, round, maxRounds, String.format(Locale.ROOT,
                  "round %d: validation loss %.4f", round, validationLoss));
            }
          }

          @Override
          public boolean cancelled() {
            return monitor.isCancelled();
          }
        });
    if (boosted.cancelled()) {
      throw ErrorCode.PREDICTOR_TRAINING_CANCELLED.failure();
    }
    return boosted;
  }
}
