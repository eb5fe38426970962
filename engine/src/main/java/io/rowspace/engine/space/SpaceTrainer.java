package io.rowspace.engine.space;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;

import io.rowspace.engine.EngineException;
import io.rowspace.engine.EngineRuntime;
import io.rowspace.engine.data.Frame;
import io.rowspace.engine.encode.ColumnEncoder;
import io.rowspace.engine.encode.EncodedRows;
import io.rowspace.engine.encode.RowEncoder;
import io.rowspace.engine.nn.AdamW;
import io.rowspace.engine.nn.OneCycleSchedule;
import io.rowspace.engine.nn.ParameterLayout;
import io.rowspace.engine.nn.TabularTransformer;
import io.rowspace.engine.profile.ColumnProfile;
import io.rowspace.engine.profile.ColumnProfiler;
import io.rowspace.engine.text.SentenceModel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Trains an embedding space from rows, without labels. Everything not given as an option is
 * derived from the number of rows and columns: model width and depth, batch size, a target number
 * of optimiser steps (hence epochs) and the learning rate. Training uses a one-cycle schedule,
 * AdamW with adaptive gradient clipping, and early stopping on a validation slice; the weights of
 * the best validation epoch are kept. Free text and categories whose values are words also go
 * through the bundled sentence model (see {@link SemanticColumns}); their vectors are computed
 * once per distinct value before training.
 *
 * <p>Reproducible: the same rows, options, seed and thread count give bitwise-identical weights.
 * All randomness (sampling, split, shuffles, masks, initial weights) comes from a
 * {@link java.util.Random} owned by the job, so concurrent jobs do not disturb each other.
 */
public final class SpaceTrainer {
  static final int MIN_ROWS = 10;
  static final int TARGET_STEPS = 500;
  static final float WEIGHT_DECAY = 0.01f;
  static final float SPREAD_WEIGHT = 0.1f;

  private SpaceTrainer() {}

  /**
   * Trains a space.
   *
   * @param rows the rows of the root table (a sample of {@code max_rows} is used when set)
   * @param forcedExclusions columns excluded whatever their values, with the reason
   * @param options the user's options
   * @param monitor receives progress, warnings and the timeline; may cancel
   * @throws EngineException UNUSABLE_DATA when there are too few rows or usable columns,
   *     CANCELLED when the monitor cancels
   */
  public static EmbeddingSpace train(Frame rows, Map<String, String> forcedExclusions,
      SpaceOptions options, TrainingMonitor monitor) {
    return train(rows, forcedExclusions, options, monitor, SentenceModel::shared);
  }

  /**
   * Trains a space, taking the sentence model from the given loader (called at most once, and
   * only when a column needs the model).
   */
  static EmbeddingSpace train(Frame rows, Map<String, String> forcedExclusions,
      SpaceOptions options, TrainingMonitor monitor, Supplier<SentenceModel.Loading> sentences) {
    long started = System.nanoTime();
    TrainingMonitor m = monitor == null ? TrainingMonitor.NONE : monitor;
    String device = EngineRuntime.device();
    String reproducibility = EngineRuntime.reproducibilityWarning();
    if (reproducibility != null) {
      m.warning(reproducibility);
    }
    if (rows.rowCount() < MIN_ROWS) {
      throw new EngineException(EngineException.Kind.UNUSABLE_DATA, "An embedding space needs at "
          + "least " + MIN_ROWS + " rows, got " + rows.rowCount() + ". Add rows to the table.");
    }
    Random random = new Random(options.seed());
    Frame data = sample(rows, options, random);
    m.progress("profile", 0, 1, "profiling " + data.columnCount() + " columns");
    SemanticColumns semantic = new SemanticColumns(options.sentenceModel(), sentences, m);
    List<ColumnProfile> profiles = new ArrayList<>();
    for (ColumnProfile p : ColumnProfiler.profile(data, forcedExclusions)) {
      profiles.add(semantic.adjust(p, data.column(data.indexOf(p.name()))));
    }
    List<ColumnEncoder> encoders = new ArrayList<>();
    List<String> excluded = new ArrayList<>();
    for (ColumnProfile p : profiles) {
      if (p.used()) {
        encoders.add(semantic.fit(p, data.column(data.indexOf(p.name()))));
      } else {
        excluded.add(p.name() + ": " + p.reason());
        m.warning("Column '" + p.name() + "' excluded: " + p.reason());
      }
    }
    m.progress("profile", 1, 1, encoders.size() + " columns used");
    if (encoders.isEmpty()) {
      throw new EngineException(EngineException.Kind.UNUSABLE_DATA, "No usable columns: every "
          + "column was excluded (" + String.join(", ", excluded) + "). Add columns with varying "
          + "values.");
    }
    if (encoders.size() < 2) {
      throw new EngineException(EngineException.Kind.UNUSABLE_DATA, "An embedding space needs at "
          + "least two usable columns, found only '" + encoders.get(0).name() + "'"
          + (excluded.isEmpty() ? "" : " (excluded: " + String.join(", ", excluded) + ")")
          + ". Add columns with varying values.");
    }
    RowEncoder encoder = new RowEncoder(encoders);
    // Values beyond the cap on embedded values train without a sentence vector.
    EncodedRows encoded = encoder.encode(data, false);
    warnUnparseable(data, encoder, encoded, m);
    RelatedTokens related = RelatedTokens.none();
    if (!data.related().isEmpty()) {
      m.progress("profile", 0, 1, "profiling " + data.related().size() + " related tables");
      related = RelatedTokens.fit(data.related(), m);
    }
    List<RelatedTokens.Encoded> relatedRows = related.encode(data);
    Plan plan = Plan.derive(data.rowCount(), encoder.columnCount() + related.count(), options);
    TabularTransformer.Config config = new TabularTransformer.Config(encoder.columnCount(),
        encoder.vocabularySize(), plan.dModel, plan.layers, plan.heads, plan.dModel,
        encoder.features(), encoder.slots(), encoder.sentenceDimension());

    int[] order = permutation(data.rowCount(), random);
    int validationRows = plan.validationRows;
    int[] validation = Arrays.copyOf(order, validationRows);
    int[] training = Arrays.copyOfRange(order, validationRows, order.length);

    Map<String, String> resolved = new LinkedHashMap<>();
    resolved.put("d_model", Integer.toString(plan.dModel));
    resolved.put("layers", Integer.toString(plan.layers));
    resolved.put("heads", Integer.toString(plan.heads));
    resolved.put("epochs", Integer.toString(plan.epochs));
    resolved.put("batch_size", Integer.toString(plan.batchSize));
    resolved.put("learning_rate", Double.toString(plan.learningRate));
    resolved.put("seed", Long.toString(options.seed()));
    options.maxRows().ifPresent(v -> resolved.put("max_rows", Integer.toString(v)));
    resolved.put("device", device);
    resolved.put("validation_fraction", Double.toString(plan.validationFraction));
    resolved.put("threads", Integer.toString(EngineRuntime.threads()));
    resolved.put("sentence_model", semantic.resolved());
    resolved.put("weight_decay", Float.toString(WEIGHT_DECAY));
    resolved.put("temperature", Float.toString(MaskedViewObjective.TEMPERATURE));
    resolved.put("engine", "DJL " + Engine.getDjlVersion() + ", PyTorch "
        + Engine.getEngine("PyTorch").getVersion());

    Loop loop = new Loop(config, related, plan, options.seed(), random, m);
    Result result = loop.run(encoded, relatedRows, training, validation);
    m.progress("information", 0, 1, "estimating what each column shares with the others");
    double[] bits = loop.mutualInformationBits(result.parameters, encoded, relatedRows,
        validation.length >= Math.min(plan.batchSize, 64) ? validation : order);
    Map<String, Double> information = new LinkedHashMap<>();
    for (int c = 0; c < encoders.size(); c++) {
      information.put(encoders.get(c).name(), bits[c]);
    }
    for (int r = 0; r < related.count(); r++) {
      information.put(related.names().get(r), bits[encoders.size() + r]);
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    return new EmbeddingSpace(profiles, encoder, config, related, result.parameters, resolved,
        result.epochs, result.validationLoss, device, options.seed(), data.rowCount(), seconds,
        result.timeline, information);
  }

  /**
   * Warns once per column about values that could not be read as the column's detected type and
   * are encoded as missing, with the first such value as an example.
   */
  private static void warnUnparseable(Frame data, RowEncoder encoder, EncodedRows encoded,
      TrainingMonitor monitor) {
    for (int c = 0; c < encoder.columnCount(); c++) {
      long count = encoded.unparseable()[c];
      if (count == 0) {
        continue;
      }
      ColumnEncoder e = encoder.encoders().get(c);
      String example = null;
      for (Object v : data.column(data.indexOf(e.name()))) {
        if (!e.readable(v)) {
          example = String.valueOf(v).strip();
          break;
        }
      }
      if (example != null && example.length() > 40) {
        example = example.substring(0, 37) + "...";
      }
      monitor.warning("Column '" + e.name() + "': " + count
          + (count == 1 ? " value could not be read as " : " values could not be read as ")
          + e.readsAs() + (example == null ? "" : " (e.g. '" + example + "')")
          + (count == 1 ? " and counts as missing." : " and count as missing."));
    }
  }

  /**
   * The rows a space trains on: a seeded sample of {@code max_rows} of them when the option is
   * set and there are more, else all. The SQL layer takes it before reading related tables, so it
   * reads them for these rows only; training then uses the rows as they are.
   */
  public static Frame trainingSample(Frame rows, SpaceOptions options) {
    return sample(rows, options, new Random(options.seed()));
  }

  private static Frame sample(Frame rows, SpaceOptions options, Random random) {
    if (options.maxRows().isEmpty() || rows.rowCount() <= options.maxRows().getAsInt()) {
      return rows;
    }
    int[] sample = Arrays.copyOf(permutation(rows.rowCount(), random),
        options.maxRows().getAsInt());
    Arrays.sort(sample);
    return rows.rows(sample);
  }

  static int[] permutation(int n, Random random) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }

  /** Where every weight of a space lives: the transformer's, then the related tables'. */
  static ParameterLayout layout(TabularTransformer.Config config, RelatedTokens related) {
    ParameterLayout layout = TabularTransformer.layout(config);
    related.addTo(layout, config.dModel());
    return layout;
  }

  /** Training settings resolved from the data's shape and the options. */
  static final class Plan {
    int dModel;
    int layers;
    int heads;
    int batchSize;
    int epochs;
    double learningRate;
    double validationFraction;
    int validationRows;

    static Plan derive(int rows, int columns, SpaceOptions o) {
      Plan p = new Plan();
      p.validationFraction = o.validationFraction().orElse(rows < 200 ? 0.2 : 0.1);
      p.validationRows = (int) Math.round(rows * p.validationFraction);
      if (p.validationRows < 8) {
        p.validationRows = 0;
      }
      int trainRows = rows - p.validationRows;
      p.dModel = o.dModel().orElse(columns <= 6 ? 32 : rows > 20_000 && columns > 16 ? 64 : 48);
      p.heads = o.heads().orElse(p.dModel % 4 == 0 ? 4 : p.dModel % 2 == 0 ? 2 : 1);
      if (p.dModel % p.heads != 0) {
        throw new EngineException(EngineException.Kind.INVALID_OPTION, "Option 'd_model' ("
            + p.dModel + ") must be a multiple of 'heads' (" + p.heads + ").");
      }
      p.layers = o.layers().orElse(rows >= 2000 ? 2 : 1);
      int batch = 32;
      while (batch * 2 <= trainRows / 8 && batch < 128) {
        batch *= 2;
      }
      p.batchSize = Math.min(trainRows, o.batchSize().orElse(batch));
      int stepsPerEpoch = Math.max(1, trainRows / p.batchSize);
      p.epochs = o.epochs().orElse(
          Math.max(5, Math.min(200, (TARGET_STEPS + stepsPerEpoch - 1) / stepsPerEpoch)));
      p.learningRate = o.learningRate().orElse(p.batchSize >= 64 ? 2e-3 : 1e-3);
      return p;
    }
  }

  private record Result(float[] parameters, int epochs, double validationLoss,
      List<EpochRecord> timeline) {}

  /** One training run: owns the native memory of the weights and optimiser state. */
  private static final class Loop {
    private final TabularTransformer.Config config;
    private final Plan plan;
    private final long seed;
    private final Random random;
    private final TrainingMonitor monitor;
    private final ParameterLayout layout;
    private final MaskedViewObjective objective;

    Loop(TabularTransformer.Config config, RelatedTokens related, Plan plan, long seed,
        Random random, TrainingMonitor monitor) {
      this.config = config;
      this.plan = plan;
      this.seed = seed;
      this.random = random;
      this.monitor = monitor;
      this.layout = layout(config, related);
      this.objective = new MaskedViewObjective(config, related, SPREAD_WEIGHT);
    }

    Result run(EncodedRows encoded, List<RelatedTokens.Encoded> related, int[] training,
        int[] validation) {
      float[] validationMask = validation.length == 0 ? null
          : MaskedViewObjective.drawMask(validation.length, objective.tokens(),
              new Random(seed + 1));
      int batch = plan.batchSize;
      int stepsPerEpoch = Math.max(1, training.length / batch);
      int totalSteps = stepsPerEpoch * plan.epochs;
      OneCycleSchedule schedule = new OneCycleSchedule(plan.learningRate, totalSteps);
      Engine.getInstance().setRandomSeed((int) seed);
      float[] initial = layout.initialise(new Random(random.nextLong()));
      List<EpochRecord> timeline = new ArrayList<>();
      float[] best = initial;
      double bestLoss = Double.POSITIVE_INFINITY;
      int bestEpoch = 0;
      int patience = Math.max(4, plan.epochs / 8);
      double firstValidation = Double.NaN;
      boolean boosted = false;
      int step = 0;
      double clipEma = Double.NaN;
      int epochsRun = 0;
      try (NDManager model = NDManager.newBaseManager(EngineRuntime.ensureStarted())) {
        NDArray parameters = model.create(initial);
        parameters.setRequiresGradient(true);
        AdamW optimiser = new AdamW(parameters, layout.decayMask(), WEIGHT_DECAY);
        double previousTrain = Double.NaN;
        double previousValidation = Double.NaN;
        int worsening = 0;
        for (int epoch = 1; epoch <= plan.epochs; epoch++) {
          int[] order = permutation(training.length, random);
          double lossSum = 0;
          double spreadSum = 0;
          double normSum = 0;
          double clippedSum = 0;
          int batches = 0;
          List<String> failures = new ArrayList<>();
          List<String> actions = new ArrayList<>();
          double rate = 0;
          for (int s = 0; s < stepsPerEpoch; s++) {
            if (monitor.isCancelled()) {
              throw new EngineException(EngineException.Kind.CANCELLED,
                  "Training of the embedding space was cancelled; nothing was saved.");
            }
            int[] rowsOfBatch = new int[batch];
            for (int i = 0; i < batch; i++) {
              rowsOfBatch[i] = training[order[s * batch + i]];
            }
            MaskedViewObjective.Batch b =
                MaskedViewObjective.Batch.of(encoded, related, rowsOfBatch);
            float[] mask = MaskedViewObjective.drawMask(batch, objective.tokens(), random);
            float loss;
            float spread;
            try (NDManager scope = model.newSubManager();
                GradientCollector collector = Engine.getInstance().newGradientCollector()) {
              Map<String, NDArray> p = layout.views(parameters, scope);
              MaskedViewObjective.Terms terms = objective.compute(p, scope, b, mask);
              collector.backward(terms.total());
              loss = terms.total().getFloat();
              spread = terms.spread().getFloat();
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
            spreadSum += spread;
            normSum += result.gradNorm();
            clippedSum += result.clippedGradNorm();
            batches++;
          }
          epochsRun = epoch;
          double trainLoss = batches == 0 ? Double.NaN : lossSum / batches;
          double validationLoss = validation.length == 0 ? trainLoss
              : validate(model, parameters, encoded, related, validation, validationMask);
          if (epoch == 1) {
            firstValidation = validationLoss;
          }
          double spreadLoss = batches == 0 ? Double.NaN : spreadSum / batches;
          if (spreadLoss > -0.5) {
            failures.add("collapse");
            actions.add("spread loss keeps weight " + SPREAD_WEIGHT);
          }
          if (!boosted && epoch == Math.max(3, plan.epochs / 5)
              && !(validationLoss < 0.99 * firstValidation)) {
            failures.add("no learning");
            actions.add("learning-rate boost x2");
            schedule.boost(2.0);
            boosted = true;
          }
          if (validationLoss > previousValidation && trainLoss < previousTrain) {
            worsening++;
            if (worsening >= 2) {
              failures.add("over-fitting");
            }
          } else {
            worsening = 0;
          }
          previousTrain = trainLoss;
          previousValidation = validationLoss;
          boolean stop = false;
          if (validationLoss < bestLoss) {
            bestLoss = validationLoss;
            bestEpoch = epoch;
            best = parameters.toFloatArray();
          } else if (epoch - bestEpoch >= patience && epoch >= plan.epochs / 3) {
            actions.add("early stopping, keeping epoch " + bestEpoch);
            stop = true;
          }
          EpochRecord record = new EpochRecord(epoch, rate, trainLoss, validationLoss, 0.0,
              spreadLoss, MaskedViewObjective.TEMPERATURE,
              batches == 0 ? Double.NaN : normSum / batches,
              batches == 0 ? Double.NaN : clippedSum / batches,
              String.join(", ", failures), String.join(", ", actions));
          timeline.add(record);
          monitor.epoch(record);
          monitor.progress("train", epoch, plan.epochs, String.format(Locale.ROOT,
              "epoch %d/%d: train loss %.4f, validation loss %.4f", epoch, plan.epochs,
              trainLoss, validationLoss));
          if (stop) {
            break;
          }
        }
      } catch (ai.djl.engine.EngineException e) {
        throw translate(e);
      } catch (OutOfMemoryError e) {
        throw new EngineException(EngineException.Kind.OUT_OF_MEMORY, "Training ran out of "
            + "memory. Set a smaller 'batch_size' or 'max_rows'.", e);
      }
      if (!Double.isFinite(bestLoss)) {
        throw new EngineException(EngineException.Kind.INTERNAL,
            "Training diverged: the loss was never finite. Try a smaller 'learning_rate'.");
      }
      return new Result(best, epochsRun, bestLoss, timeline);
    }

    /**
     * Per column, a lower bound on the mutual information (in bits) between the column and the
     * rest of its row: {@code log(B) - L} for the column's InfoNCE loss {@code L} over batches of
     * {@code B} rows, the column hidden in one of two complementary views, clamped at zero.
     */
    double[] mutualInformationBits(float[] weights, EncodedRows encoded,
        List<RelatedTokens.Encoded> related, int[] rows) {
      int c = objective.tokens();
      int batch = Math.min(plan.batchSize, rows.length);
      float[] mask = MaskedViewObjective.drawMask(rows.length, c, new Random(seed + 2));
      double[] sums = new double[2 * c];
      try (NDManager model = NDManager.newBaseManager(EngineRuntime.ensureStarted())) {
        NDArray parameters = model.create(weights);
        for (int from = 0; from + batch <= rows.length; from += batch) {
          try (NDManager scope = model.newSubManager()) {
            double[] part = objective.columnInformation(layout.views(parameters, scope), scope,
                MaskedViewObjective.Batch.of(encoded, related,
                    Arrays.copyOfRange(rows, from, from + batch)),
                Arrays.copyOfRange(mask, from * c, (from + batch) * c));
            for (int i = 0; i < sums.length; i++) {
              sums[i] += part[i];
            }
          }
        }
      } catch (ai.djl.engine.EngineException e) {
        throw translate(e);
      }
      double[] bits = new double[c];
      for (int j = 0; j < c; j++) {
        double loss = sums[2 * j + 1] == 0 ? Math.log(batch) : sums[2 * j] / sums[2 * j + 1];
        bits[j] = Math.max(0, (Math.log(batch) - loss) / Math.log(2));
      }
      return bits;
    }

    private double validate(NDManager model, NDArray parameters, EncodedRows encoded,
        List<RelatedTokens.Encoded> related, int[] rows, float[] mask) {
      int batch = Math.min(plan.batchSize, rows.length);
      double sum = 0;
      int count = 0;
      int c = objective.tokens();
      for (int from = 0; from + batch <= rows.length; from += batch) {
        MaskedViewObjective.Batch b = MaskedViewObjective.Batch.of(encoded, related,
            Arrays.copyOfRange(rows, from, from + batch));
        float[] m = Arrays.copyOfRange(mask, from * c, (from + batch) * c);
        try (NDManager scope = model.newSubManager()) {
          Map<String, NDArray> p = layout.views(parameters, scope);
          MaskedViewObjective.Terms terms = objective.compute(p, scope, b, m);
          sum += terms.column().getFloat() + terms.row().getFloat();
          count++;
        }
      }
      return sum / Math.max(1, count);
    }

    private static EngineException translate(ai.djl.engine.EngineException e) {
      String message = String.valueOf(e.getMessage());
      if (message.toLowerCase(Locale.ROOT).contains("out of memory")) {
        return new EngineException(EngineException.Kind.OUT_OF_MEMORY, "Training ran out of "
            + "memory. Set a smaller 'batch_size' or 'max_rows'.", e);
      }
      return new EngineException(EngineException.Kind.INTERNAL,
          "PyTorch failed during training: " + message, e);
    }
  }
}
