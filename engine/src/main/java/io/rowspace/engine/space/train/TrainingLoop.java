package io.rowspace.engine.space.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import io.rowspace.engine.EngineRuntime;
import io.rowspace.engine.checkpoint.TrainingCheckpoints;
import io.rowspace.engine.data.RowOrder;
import io.rowspace.engine.encode.EncodedRows;
import io.rowspace.engine.nn.AdamW;
import io.rowspace.engine.nn.GradientRecording;
import io.rowspace.engine.nn.OneCycleSchedule;
import io.rowspace.engine.nn.ParameterLayout;
import io.rowspace.engine.nn.TabularTransformer;
import io.rowspace.engine.space.EmbeddingSpace;
import io.rowspace.engine.space.EpochRecord;
import io.rowspace.engine.space.RelatedTokens;
import io.rowspace.engine.space.SpaceTokens;
import io.rowspace.engine.space.TrainingMonitor;
import io.rowspace.error.EngineException;
import io.rowspace.error.ErrorCode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * One training run of a space: epochs of AdamW steps on the {@link MaskedViewObjective} under a
 * one-cycle schedule with adaptive gradient clipping and a {@link Curriculum}; after each epoch
 * the validation loss and the embeddings' {@link EmbeddingHealth}, which the
 * {@link Interventions} turn into the kept epoch, boosts, rollbacks and early stopping.
 * Owns the native memory of the weights and the optimiser's state for the run's length.
 *
 * <p>Resumable: when the monitor gives {@link TrainingMonitor#checkpoints() checkpoints}, the
 * loop saves its whole state ({@link SpaceCheckpoint}) after an epoch every
 * {@link TrainingCheckpoints#intervalSeconds()}, under the {@link TrainingFingerprint} of the
 * run; a run with the same fingerprint continues from the latest one after the epoch it was
 * taken, with the same result as an uninterrupted run.
 */
final class TrainingLoop {
  static final float WEIGHT_DECAY = 0.01f;
  static final float SPREAD_WEIGHT = 0.1f;
  /** Validation rows whose embeddings are measured after each epoch, at most. */
  static final int HEALTH_ROWS = 512;
  /**
   * Validation rows whose loss is measured after each epoch, at most: the first of the held-out
   * rows (a random sample, as the split is), so that the check after an epoch, like the epoch
   * itself ({@link TrainingPlan#MAX_EPOCH_STEPS}), costs no more at a million rows than at fifty
   * thousand.
   */
  static final int VALIDATION_LOSS_ROWS = 4096;

  private final TabularTransformer.Config config;
  private final TrainingPlan plan;
  private final long seed;
  /** The job's generator; replaced by the checkpoint's when training resumes. */
  private Random random;
  private final TrainingMonitor monitor;
  private final ParameterLayout layout;
  private final MaskedViewObjective objective;
  /** The space whose weights training continues from, or null to start afresh. */
  private final EmbeddingSpace base;

  /**
   * What a run gives: the training layout's weights of the kept epoch, the temperature at the
   * end (boosts included) and the timeline.
   */
  record Result(float[] parameters, int epochs, double validationLoss,
      List<EpochRecord> timeline, float temperature) {}

  /** The validation loss after an epoch and the health of the validation rows' embeddings. */
  private record Validation(double loss, EmbeddingHealth health) {}

  TrainingLoop(TabularTransformer.Config config, RelatedTokens related, TrainingPlan plan,
      ScalarTargets scalarTargets, long seed, Random random, TrainingMonitor monitor,
      EmbeddingSpace base) {
    this.base = base;
    this.config = config;
    this.plan = plan;
    this.seed = seed;
    this.random = random;
    this.monitor = monitor;
    this.layout = trainingLayout(config, related);
    this.objective = new MaskedViewObjective(config, related, scalarTargets);
  }

  /** The weights while training: the space's layout, then the training heads. */
  static ParameterLayout trainingLayout(TabularTransformer.Config config, RelatedTokens related) {
    ParameterLayout layout = SpaceTokens.layout(config, related);
    MaskedViewObjective.addTrainingHeads(layout, config);
    return layout;
  }

  ParameterLayout layout() {
    return layout;
  }

  MaskedViewObjective objective() {
    return objective;
  }

  Result run(EncodedRows encoded, List<RelatedTokens.Encoded> related, int[] training,
      int[] validation) {
    float[] validationMask = validation.length == 0 ? null
        : MaskedViewObjective.drawMask(validation.length, objective.tokens(),
            new Random(seed + 1));
    int[] lossRows = Arrays.copyOf(validation, Math.min(validation.length, VALIDATION_LOSS_ROWS));
    int[] healthRows = healthRows(training, validation);
    int batch = plan.batchSize();
    int stepsPerEpoch = plan.stepsPerEpoch(training.length);
    int totalSteps = stepsPerEpoch * plan.epochs();
    OneCycleSchedule schedule = new OneCycleSchedule(plan.learningRate(), totalSteps);
    Curriculum curriculum = new Curriculum(plan.temperature(), SPREAD_WEIGHT, plan.epochs());
    Engine.getInstance().setRandomSeed((int) seed);
    float[] initial = layout.initialise(new Random(random.nextLong()));
    if (base != null) {
      initial = WarmStart.weights(base, layout, initial);
    }
    List<EpochRecord> timeline = new ArrayList<>();
    int step = 0;
    double clipEma = Double.NaN;
    int epochsRun = 0;
    Interventions interventions;
    try (NDManager model = NDManager.newBaseManager(EngineRuntime.ensureStarted())) {
      NDArray parameters = model.create(initial);
      parameters.setRequiresGradient(true);
      AdamW optimiser = new AdamW(parameters, layout.decayMask(), WEIGHT_DECAY);
      interventions = new Interventions(plan.epochs(), initial,
          health(model, parameters, encoded, related, healthRows));
      int firstEpoch = 1;
      TrainingCheckpoints checkpoints = monitor.checkpoints();
      String fingerprint = checkpoints == TrainingCheckpoints.NONE ? null
          : TrainingFingerprint.of(seed, plan, encoded, related, training, validation, initial);
      SpaceCheckpoint saved = fingerprint == null ? null : checkpoints.latest(fingerprint)
          .map(c -> SpaceCheckpoint.fromBytes(c.state())).orElse(null);
      if (saved != null && saved.parameters().length == initial.length
          && saved.epoch() < plan.epochs() && saved.timeline().size() == saved.epoch()) {
        optimiser.resume(saved.parameters(), saved.optimiser());
        random = saved.random();
        schedule.boost(saved.rateBoost());
        curriculum.resume(saved.temperatureBoost(), saved.spreadBoost());
        step = saved.step();
        clipEma = saved.clipEma();
        interventions.resume(saved.interventions());
        for (EpochRecord record : saved.timeline()) {
          timeline.add(record);
          monitor.epoch(record);
        }
        epochsRun = saved.epoch();
        firstEpoch = saved.epoch() + 1;
        monitor.warning("Training resumed from the checkpoint of epoch " + saved.epoch()
            + " of " + plan.epochs() + " left by an earlier run of this statement; the result "
            + "is the same as an uninterrupted run's.");
        monitor.progress("train", saved.epoch(), plan.epochs(), "resumed after epoch "
            + saved.epoch());
      }
      long lastCheckpoint = System.nanoTime();
      for (int epoch = firstEpoch; epoch <= plan.epochs(); epoch++) {
        ObjectiveWeights weights = curriculum.at(epoch);
        int[] order = RowOrder.shuffled(training.length, random);
        double lossSum = 0;
        double contrastiveSum = 0;
        double spreadSum = 0;
        double reconstructionSum = 0;
        int reconstructionBatches = 0;
        double normSum = 0;
        double clippedSum = 0;
        int batches = 0;
        List<String> failures = new ArrayList<>();
        List<String> actions = new ArrayList<>();
        double rate = 0;
        for (int s = 0; s < stepsPerEpoch; s++) {
          if (monitor.isCancelled()) {
            throw ErrorCode.SPACE_TRAINING_CANCELLED.failure();
          }
          int[] rowsOfBatch = new int[batch];
          for (int i = 0; i < batch; i++) {
            rowsOfBatch[i] = training[order[s * batch + i]];
          }
          SpaceTokens.Batch b = SpaceTokens.Batch.of(encoded, related, rowsOfBatch);
          float[] mask = MaskedViewObjective.drawMask(batch, objective.tokens(), random);
          float loss;
          float contrastive;
          float spread;
          float reconstruction;
          try (NDManager scope = model.newSubManager();
              GradientRecording collector = GradientRecording.start()) {
            Map<String, NDArray> p = layout.views(parameters, scope);
            MaskedViewObjective.Terms terms = objective.compute(p, scope, b, mask, weights);
            collector.backward(terms.total());
            loss = terms.total().getFloat();
            contrastive = terms.column().getFloat() + terms.row().getFloat();
            spread = terms.spread().getFloat();
            reconstruction = terms.reconstruction() == null ? Float.NaN
                : terms.reconstruction().getFloat();
          }
          double clip = Double.isNaN(clipEma) ? 1.0 : Math.max(0.1, Math.min(5.0, 2 * clipEma));
          rate = schedule.rate(step);
          AdamW.Step result = optimiser.step((float) rate, clip);
          step++;
          if (result.skipped()) {
            if (!failures.contains("unstable training")) {
              failures.add("unstable training");
              actions.add("skipped non-finite update");
            }
            continue;
          }
          clipEma = Double.isNaN(clipEma) ? result.gradNorm()
              : 0.95 * clipEma + 0.05 * result.gradNorm();
          lossSum += loss;
          contrastiveSum += contrastive;
          spreadSum += spread;
          if (!Float.isNaN(reconstruction)) {
            reconstructionSum += reconstruction;
            reconstructionBatches++;
          }
          normSum += result.gradNorm();
          clippedSum += result.clippedGradNorm();
          batches++;
        }
        epochsRun = epoch;
        double trainLoss = batches == 0 ? Double.NaN : lossSum / batches;
        // Unweighted like the validation loss: the curriculum moves the weighted one.
        double trainContrastive = batches == 0 ? Double.NaN : contrastiveSum / batches;
        Validation checked = validate(model, parameters, encoded, related, lossRows,
            validationMask, healthRows, weights.temperature());
        double validationLoss = validation.length == 0 ? trainContrastive : checked.loss();
        EmbeddingHealth health = checked.health();
        // Losses at different temperatures do not compare: a boost starts a new baseline.
        boolean newTemperature = epoch > 1
            && weights.temperature() != timeline.get(epoch - 2).temperature();
        double spreadLoss = batches == 0 ? Double.NaN : spreadSum / batches;
        double gradNorm = batches == 0 ? Double.NaN : normSum / batches;
        Interventions.Decision decision = interventions.afterEpoch(
            new Interventions.Epoch(epoch, trainContrastive, validationLoss, health, gradNorm,
                newTemperature),
            schedule, curriculum, parameters::toFloatArray, failures, actions);
        if (decision.restartFrom() != null) {
          optimiser.restart(decision.restartFrom());
        }
        EpochRecord record = new EpochRecord(epoch, rate, trainLoss, validationLoss, 0.0,
            spreadLoss, weights.temperature(), gradNorm,
            batches == 0 ? Double.NaN : clippedSum / batches,
            String.join(", ", failures), String.join(", ", actions),
            reconstructionBatches == 0 ? Double.NaN : reconstructionSum / reconstructionBatches,
            weights.describe(), health.meanCosine(), health.effectiveRank());
        timeline.add(record);
        monitor.epoch(record);
        long interval = checkpoints.intervalSeconds();
        if (fingerprint != null && !decision.stop() && epoch < plan.epochs() && interval >= 0
            && System.nanoTime() - lastCheckpoint >= interval * 1_000_000_000L) {
          checkpoints.save(fingerprint, epoch, new SpaceCheckpoint(epoch,
              parameters.toFloatArray(), optimiser.state(), random, schedule.boostFactor(),
              curriculum.temperatureBoost(), curriculum.spreadBoost(), step, clipEma,
              interventions.state(), List.copyOf(timeline)).toBytes());
          lastCheckpoint = System.nanoTime();
        }
        monitor.progress("train", epoch, plan.epochs(), String.format(Locale.ROOT,
            "epoch %d/%d: train loss %.4f, validation loss %.4f", epoch, plan.epochs(),
            trainLoss, validationLoss));
        if (decision.stop()) {
          break;
        }
      }
    } catch (ai.djl.engine.EngineException e) {
      throw translate(e);
    } catch (OutOfMemoryError e) {
      throw ErrorCode.TRAINING_OUT_OF_MEMORY.failure(e);
    }
    Interventions.State kept = interventions.state();
    // No epoch kept means no finite validation loss ever (a kept epoch whose baseline was reset
    // by a temperature boost, with later epochs collapsed, is still a kept epoch).
    if (kept.bestEpoch() == 0) {
      throw ErrorCode.TRAINING_DIVERGED.failure();
    }
    if (kept.bestCollapsed()) {
      monitor.warning(String.format(Locale.ROOT, "The embedding space collapsed and did not "
          + "recover: the kept epoch %d has %s on validation rows. Its rows are hard to tell "
          + "apart; try a smaller 'learning_rate' or a larger 'temperature'.", kept.bestEpoch(),
          timeline.get(kept.bestEpoch() - 1).failures().isEmpty() ? "collapsed embeddings"
              : timeline.get(kept.bestEpoch() - 1).failures()));
    }
    return new Result(kept.best(), epochsRun, kept.keptLoss(), timeline,
        (float) curriculum.temperature());
  }

  /** The rows whose embeddings are measured: validation rows, else training rows; at most 512. */
  private static int[] healthRows(int[] training, int[] validation) {
    int[] rows = validation.length >= 16 ? validation : training;
    return Arrays.copyOf(rows, Math.min(HEALTH_ROWS, rows.length));
  }

  /**
   * The validation loss (per-column plus row InfoNCE, unweighted, at the base temperature so
   * that epochs compare whatever the curriculum and the boosts did) and the health of the
   * embeddings of {@code healthRows}.
   */
  private Validation validate(NDManager model, NDArray parameters, EncodedRows encoded,
      List<RelatedTokens.Encoded> related, int[] rows, float[] mask, int[] healthRows,
      double temperature) {
    ObjectiveWeights reference = new ObjectiveWeights(1, 1, 0, 0, temperature);
    int batch = Math.min(plan.batchSize(), rows.length);
    double sum = 0;
    int count = 0;
    int c = objective.tokens();
    for (int from = 0; batch > 0 && from + batch <= rows.length; from += batch) {
      SpaceTokens.Batch b = SpaceTokens.Batch.of(encoded, related,
          Arrays.copyOfRange(rows, from, from + batch));
      float[] m = Arrays.copyOfRange(mask, from * c, (from + batch) * c);
      try (NDManager scope = model.newSubManager()) {
        Map<String, NDArray> p = layout.views(parameters, scope);
        MaskedViewObjective.Terms terms = objective.compute(p, scope, b, m, reference);
        sum += terms.column().getFloat() + terms.row().getFloat();
        count++;
      }
    }
    return new Validation(count == 0 ? Double.NaN : sum / count,
        health(model, parameters, encoded, related, healthRows));
  }

  /** The health of the embeddings of {@code rows} (nothing masked) under the weights. */
  private EmbeddingHealth health(NDManager model, NDArray parameters, EncodedRows encoded,
      List<RelatedTokens.Encoded> related, int[] healthRows) {
    int width = config.embeddingDim();
    float[] embeddings = new float[healthRows.length * width];
    int chunk = Math.max(1, plan.batchSize());
    for (int from = 0; from < healthRows.length; from += chunk) {
      int to = Math.min(healthRows.length, from + chunk);
      SpaceTokens.Batch b = SpaceTokens.Batch.of(encoded, related,
          Arrays.copyOfRange(healthRows, from, to));
      try (NDManager scope = model.newSubManager()) {
        float[] z = objective.embed(layout.views(parameters, scope), scope, b).toFloatArray();
        System.arraycopy(z, 0, embeddings, from * width, z.length);
      }
    }
    return EmbeddingHealth.of(embeddings, width);
  }

  static EngineException translate(ai.djl.engine.EngineException e) {
    String message = String.valueOf(e.getMessage());
    if (message.toLowerCase(Locale.ROOT).contains("out of memory")) {
      return ErrorCode.TRAINING_OUT_OF_MEMORY.failure(e);
    }
    return ErrorCode.TRAINING_NATIVE_FAILURE.failure(e, message);
  }
}
