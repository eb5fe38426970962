package io.rowspace.engine.space;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import io.rowspace.engine.EngineException;
import io.rowspace.engine.EngineRuntime;
import io.rowspace.engine.checkpoint.RunFingerprint;
import io.rowspace.engine.checkpoint.TrainingCheckpoints;
import io.rowspace.engine.data.Frame;
import io.rowspace.engine.data.RowOrder;
import io.rowspace.engine.encode.ColumnEncoder;
import io.rowspace.engine.encode.EncodedRows;
import io.rowspace.engine.encode.RowEncoder;
import io.rowspace.engine.nn.AdamW;
import io.rowspace.engine.nn.GradientRecording;
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
import java.util.Set;
import java.util.function.Supplier;

/**
 * Trains an embedding space from rows, without labels. Everything not given as an option is
 * derived from the number of rows and columns: model width and depth, batch size, a target number
 * of optimiser steps (hence epochs) and the learning rate. Training uses a one-cycle schedule,
 * AdamW with adaptive gradient clipping, a {@link Curriculum} over the loss terms, and early
 * stopping on a validation slice; the weights of the best validation epoch are kept. Free text
 * and categories whose values are words also go through the bundled sentence model (see
 * {@link SemanticColumns}); their vectors are computed once per distinct value before training.
 *
 * <p>Training watches itself after every epoch and records what it saw and did in the timeline:
 * <ul>
 *   <li><b>dead network</b>: the gradient vanished or every validation row has the same
 *       embedding: learning-rate boost (x3, at most twice);
 *   <li><b>collapse</b>: validation embeddings bunched together (mean pairwise cosine above
 *       {@value EmbeddingHealth#COLLAPSED_MEAN_COSINE}) or along too few directions (effective rank
 *       below {@value EmbeddingHealth#COLLAPSED_RANK}), and more so than with the initial weights
 *       (see {@link EmbeddingHealth#collapsedSince}): temperature
 *       boost (x2, up to {@value Curriculum#MAX_TEMPERATURE}), spread-weight boost (x2), a
 *       rollback (to the weights of the kept healthy epoch, or to the initial weights if none was
 *       healthy yet; optimiser state cleared; at most {@value #MAX_ROLLBACKS} times: a collapsed
 *       network has almost no gradient to climb out with), and no early stop while collapsed; a
 *       collapsed epoch is kept only if no healthy epoch came;
 *   <li><b>no learning</b>: validation loss not 1% below the first epoch's after a fifth of the
 *       epochs: learning-rate boost (x2, once);
 *   <li><b>over-fitting</b>: validation loss up while training loss goes down, twice in a row;
 *   <li><b>unstable training</b>: a non-finite update, skipped.
 * </ul>
 *
 * <p>Resumable: when the monitor gives {@link TrainingMonitor#checkpoints() checkpoints}, the
 * loop saves its whole state ({@link SpaceCheckpoint}) after an epoch every
 * {@link TrainingCheckpoints#intervalSeconds()}, under the {@link RunFingerprint} of the encoded
 * rows, split, settings and initial weights; a run with the same fingerprint continues from the
 * latest one after the epoch it was taken, with the same result as an uninterrupted run.
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
  /** Mean gradient norm under which the network counts as dead. */
  static final double DEAD_GRADIENT = 1e-6;
  /** Learning-rate boosts a dead network gets at most. */
  static final int MAX_RATE_BOOSTS = 2;
  /** Rollbacks collapsed training gets at most. */
  static final int MAX_ROLLBACKS = 4;
  /** Validation rows whose embeddings are measured after each epoch, at most. */
  static final int HEALTH_ROWS = 512;

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
    return train(rows, forcedExclusions, options, monitor, sentences, null, Set.of());
  }

  /**
   * Continues training an earlier space with more columns (ALTER EMBEDDING SPACE ... ADD
   * COLUMNS) or on newer rows (... REFRESH): the earlier columns keep their profiles, encoders
   * and weights, the added ones are profiled and encoded afresh and come after them, and training
   * starts from the earlier weights ({@link WarmStart}). A space over related tables keeps its
   * relations with their encoders, summary scales and weights: the rows must carry the related
   * rows of the same relations (their current rows, read as the space reads them at query time).
   * The options give the shape, which must be the earlier one's ({@code d_model},
   * {@code layers}, {@code heads}), and usually fewer epochs.
   *
   * @param base the earlier space
   * @param added the names of the added columns
   * @throws EngineException INVALID_OPTION when the shape differs, UNUSABLE_DATA when a column
   *     or a related table of the earlier space is missing from the rows
   */
  public static EmbeddingSpace extend(EmbeddingSpace base, Frame rows,
      Map<String, String> forcedExclusions, Set<String> added, SpaceOptions options,
      TrainingMonitor monitor) {
    return train(rows, forcedExclusions, options, monitor, SentenceModel::shared, base,
        Set.copyOf(added));
  }

  private static EmbeddingSpace train(Frame rows, Map<String, String> forcedExclusions,
      SpaceOptions options, TrainingMonitor monitor, Supplier<SentenceModel.Loading> sentences,
      EmbeddingSpace base, Set<String> added) {
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
    Map<String, ColumnEncoder> kept = new LinkedHashMap<>();
    if (base != null) {
      for (ColumnEncoder e : base.encoders()) {
        if (!added.contains(e.name()) && !forcedExclusions.containsKey(e.name())) {
          kept.put(e.name(), e);
        }
      }
    }
    List<ColumnProfile> profiles = new ArrayList<>();
    for (ColumnProfile p : ColumnProfiler.profile(data, forcedExclusions)) {
      ColumnProfile earlier = kept.containsKey(p.name()) ? base.columns().stream()
          .filter(b -> b.name().equals(p.name())).findFirst().orElse(null) : null;
      profiles.add(earlier != null ? earlier
          : semantic.adjust(p, data.column(data.indexOf(p.name()))));
    }
    // An extended space's earlier columns come first, in their order, with their encoders.
    List<ColumnEncoder> encoders = new ArrayList<>(kept.values());
    if (base != null && encoders.size() != base.encoders().size()) {
      throw new EngineException(EngineException.Kind.UNUSABLE_DATA, "The rows lack columns of "
          + "the space being extended: it needs " + base.encoders().stream()
              .map(ColumnEncoder::name).toList() + ".");
    }
    List<String> excluded = new ArrayList<>();
    for (ColumnProfile p : profiles) {
      if (p.used() && !kept.containsKey(p.name())) {
        encoders.add(semantic.fit(p, data.column(data.indexOf(p.name()))));
      } else if (!p.used()) {
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
    // A root whose only usable column is the target learns from its related tables: each
    // related table is an input like a column (issue 14's root-only shape).
    if (encoders.size() + data.related().size() < 2) {
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
    if (base != null && !base.relations().isEmpty()) {
      related = base.relatedTokens();
      for (String relation : related.names()) {
        if (data.related().stream().noneMatch(r -> r.relation().name().equals(relation))) {
          throw new EngineException(EngineException.Kind.UNUSABLE_DATA, "The rows lack the "
              + "related rows of '" + relation + "', a related table of the space being "
              + "extended.");
        }
      }
    } else if (!data.related().isEmpty()) {
      m.progress("profile", 0, 1, "profiling " + data.related().size() + " related tables");
      related = RelatedTokens.fit(data.related(), m);
    }
    List<RelatedTokens.Encoded> relatedRows = related.encode(data);
    Plan plan = Plan.derive(data.rowCount(), encoder.columnCount() + related.count(), options);
    TabularTransformer.Config config = new TabularTransformer.Config(encoder.columnCount(),
        encoder.vocabularySize(), plan.dModel, plan.layers, plan.heads, plan.dModel,
        encoder.features(), encoder.slots(), encoder.sentenceDimension());
    if (base != null && (base.config().dModel() != config.dModel()
        || base.config().layers() != config.layers() || base.config().heads() != config.heads()
        || base.config().features() != config.features()
        || base.config().slots() != config.slots())) {
      throw new EngineException(EngineException.Kind.INVALID_OPTION, "An extended space keeps "
          + "the shape of the space it extends (d_model " + base.config().dModel() + ", layers "
          + base.config().layers() + ", heads " + base.config().heads() + ").");
    }

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
    resolved.put("temperature", Double.toString(plan.temperature));
    resolved.put("spread_weight", Float.toString(SPREAD_WEIGHT));
    resolved.put("engine", "DJL " + Engine.getDjlVersion() + ", PyTorch "
        + Engine.getEngine("PyTorch").getVersion());

    Loop loop = new Loop(config, related, plan, ScalarTargets.of(encoder), options.seed(),
        random, m, base);
    Result result = loop.run(encoded, relatedRows, training, validation);
    m.progress("information", 0, 1, "estimating what each column shares with the others");
    double[] bits = loop.mutualInformationBits(result.parameters, result.temperature, encoded,
        relatedRows, validation.length >= Math.min(plan.batchSize, 64) ? validation : order);
    // The training heads (reconstruction) follow the space's weights and are not kept.
    float[] spaceWeights =
        Arrays.copyOf(result.parameters, (int) layout(config, related).size());
    Map<String, Double> information = new LinkedHashMap<>();
    for (int c = 0; c < encoders.size(); c++) {
      information.put(encoders.get(c).name(), bits[c]);
    }
    for (int r = 0; r < related.count(); r++) {
      information.put(related.names().get(r), bits[encoders.size() + r]);
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    return new EmbeddingSpace(profiles, encoder, config, related, spaceWeights, resolved,
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
    return RowOrder.shuffled(n, random);
  }

  /** Where every weight of a space lives: the transformer's, then the related tables'. */
  static ParameterLayout layout(TabularTransformer.Config config, RelatedTokens related) {
    ParameterLayout layout = TabularTransformer.layout(config);
    related.addTo(layout, config.dModel());
    return layout;
  }

  /** The weights while training: the space's {@link #layout}, then the training heads. */
  static ParameterLayout trainingLayout(TabularTransformer.Config config, RelatedTokens related) {
    ParameterLayout layout = layout(config, related);
    MaskedViewObjective.addTrainingHeads(layout, config);
    return layout;
  }

  /** Rows from which a table with {@value #WIDE_COLUMNS} columns or more gets a wide model. */
  static final int WIDE_ROWS = 10_000;
  /** Rows beyond which a table keeps a narrower model, so training time stays bounded. */
  static final int WIDE_ROWS_MAX = 100_000;
  /** Columns (and related tables) from which a table with many rows gets a wide model. */
  static final int WIDE_COLUMNS = 12;

  /**
   * The default {@code d_model}: 32 for six columns or fewer; 192 for tables of
   * {@value #WIDE_ROWS} to {@value #WIDE_ROWS_MAX} rows and {@value #WIDE_COLUMNS} columns or
   * more; 64 for larger tables of more than 16 columns; 48 otherwise.
   *
   * <p>A large, wide table holds many groups of similar rows, and the row embedding must keep
   * them apart for a linear model on it: on letter recognition (16,000 x 17, 26 letters in 20
   * fonts) the linear probe on the embedding rose from 0.73 at 48 to 0.85 at 96, 0.87 at 128 and
   * 0.88-0.89 at 192 (two seeds), for 4 times the build time (30 to 115 s on 2 cores). Beyond
   * {@value #WIDE_ROWS_MAX} rows a space trains at least 5 epochs of 700 steps or more; at width
   * 192 that took 12 minutes at 100,000 x 17 on 2 cores and would take hours at a million rows,
   * so those tables keep the earlier widths. Smaller tables keep
   * 48, the width the shared data sets' predictor figures were measured with.
   */
  static int defaultWidth(int rows, int columns) {
    if (columns <= 6) {
      return 32;
    }
    if (rows > WIDE_ROWS_MAX) {
      return columns > 16 ? 64 : 48;
    }
    return rows >= WIDE_ROWS && columns >= WIDE_COLUMNS ? 192 : 48;
  }

  /** Training settings resolved from the data's shape and the options. */
  static final class Plan {
    int dModel;
    int layers;
    int heads;
    int batchSize;
    int epochs;
    double learningRate;
    double temperature;
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
      p.dModel = o.dModel().orElse(defaultWidth(rows, columns));
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
      p.temperature = o.temperature().orElse(MaskedViewObjective.DEFAULT_TEMPERATURE);
      return p;
    }
  }

  /**
   * What a training run gives: the training layout's weights of the kept epoch, the temperature
   * at the end (boosts included) and the timeline.
   */
  private record Result(float[] parameters, int epochs, double validationLoss,
      List<EpochRecord> timeline, float temperature) {}

  /** The validation loss after an epoch and the health of the validation rows' embeddings. */
  private record Validation(double loss, EmbeddingHealth health) {}

  /** One training run: owns the native memory of the weights and optimiser state. */
  private static final class Loop {
    private final TabularTransformer.Config config;
    private final Plan plan;
    private final long seed;
    /** The job's generator; replaced by the checkpoint's when training resumes. */
    private Random random;
    private final TrainingMonitor monitor;
    private final ParameterLayout layout;
    private final MaskedViewObjective objective;
    /** The space whose weights training continues from, or null to start afresh. */
    private final EmbeddingSpace base;

    Loop(TabularTransformer.Config config, RelatedTokens related, Plan plan,
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

    Result run(EncodedRows encoded, List<RelatedTokens.Encoded> related, int[] training,
        int[] validation) {
      float[] validationMask = validation.length == 0 ? null
          : MaskedViewObjective.drawMask(validation.length, objective.tokens(),
              new Random(seed + 1));
      int[] healthRows = healthRows(training, validation);
      int batch = plan.batchSize;
      int stepsPerEpoch = Math.max(1, training.length / batch);
      int totalSteps = stepsPerEpoch * plan.epochs;
      OneCycleSchedule schedule = new OneCycleSchedule(plan.learningRate, totalSteps);
      Curriculum curriculum = new Curriculum(plan.temperature, SPREAD_WEIGHT, plan.epochs);
      Engine.getInstance().setRandomSeed((int) seed);
      float[] initial = layout.initialise(new Random(random.nextLong()));
      if (base != null) {
        initial = WarmStart.weights(base, layout, initial);
      }
      List<EpochRecord> timeline = new ArrayList<>();
      float[] best = initial;
      // What a new epoch must beat; reset when the temperature changes (losses at different
      // temperatures do not compare), while keptLoss stays the kept epoch's own loss.
      double bestLoss = Double.POSITIVE_INFINITY;
      double keptLoss = Double.NaN;
      boolean bestCollapsed = true;
      int bestEpoch = 0;
      int patience = Math.max(4, plan.epochs / 8);
      double firstValidation = Double.NaN;
      boolean boosted = false;
      int rateBoosts = 0;
      int rollbacks = 0;
      int step = 0;
      double clipEma = Double.NaN;
      int epochsRun = 0;
      try (NDManager model = NDManager.newBaseManager(EngineRuntime.ensureStarted())) {
        NDArray parameters = model.create(initial);
        parameters.setRequiresGradient(true);
        AdamW optimiser = new AdamW(parameters, layout.decayMask(), WEIGHT_DECAY);
        EmbeddingHealth start = health(model, parameters, encoded, related, healthRows);
        double previousTrain = Double.NaN;
        double previousValidation = Double.NaN;
        int worsening = 0;
        int firstEpoch = 1;
        TrainingCheckpoints checkpoints = monitor.checkpoints();
        String fingerprint = checkpoints == TrainingCheckpoints.NONE ? null
            : fingerprint(encoded, related, training, validation, initial);
        SpaceCheckpoint saved = fingerprint == null ? null : checkpoints.latest(fingerprint)
            .map(c -> SpaceCheckpoint.fromBytes(c.state())).orElse(null);
        if (saved != null && saved.parameters().length == initial.length
            && saved.epoch() < plan.epochs && saved.timeline().size() == saved.epoch()) {
          optimiser.resume(saved.parameters(), new AdamW.State(saved.firstMoment(),
              saved.secondMoment(), saved.adamSteps()));
          random = saved.random();
          schedule.boost(saved.rateBoost());
          curriculum.resume(saved.temperatureBoost(), saved.spreadBoost());
          step = saved.step();
          clipEma = saved.clipEma();
          best = saved.best();
          bestLoss = saved.bestLoss();
          keptLoss = saved.keptLoss();
          bestCollapsed = saved.bestCollapsed();
          bestEpoch = saved.bestEpoch();
          firstValidation = saved.firstValidation();
          boosted = saved.boosted();
          rateBoosts = saved.rateBoosts();
          rollbacks = saved.rollbacks();
          previousTrain = saved.previousTrain();
          previousValidation = saved.previousValidation();
          worsening = saved.worsening();
          for (EpochRecord record : saved.timeline()) {
            timeline.add(record);
            monitor.epoch(record);
          }
          epochsRun = saved.epoch();
          firstEpoch = saved.epoch() + 1;
          monitor.warning("Training resumed from the checkpoint of epoch " + saved.epoch()
              + " of " + plan.epochs + " left by an earlier run of this statement; the result "
              + "is the same as an uninterrupted run's.");
          monitor.progress("train", saved.epoch(), plan.epochs, "resumed after epoch "
              + saved.epoch());
        }
        long lastCheckpoint = System.nanoTime();
        for (int epoch = firstEpoch; epoch <= plan.epochs; epoch++) {
          ObjectiveWeights weights = curriculum.at(epoch);
          int[] order = permutation(training.length, random);
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
          Validation checked = validate(model, parameters, encoded, related, validation,
              validationMask, healthRows, weights.temperature());
          double validationLoss = validation.length == 0 ? trainContrastive : checked.loss();
          EmbeddingHealth health = checked.health();
          // Losses at different temperatures do not compare: a boost starts a new baseline.
          boolean newTemperature = epoch > 1
              && weights.temperature() != timeline.get(epoch - 2).temperature();
          if (epoch == 1 || newTemperature) {
            firstValidation = validationLoss;
          }
          if (newTemperature) {
            // The next epoch that is at least as healthy as the kept one replaces it.
            previousValidation = Double.NaN;
            bestLoss = Double.POSITIVE_INFINITY;
          }
          double spreadLoss = batches == 0 ? Double.NaN : spreadSum / batches;
          double gradNorm = batches == 0 ? Double.NaN : normSum / batches;
          boolean dead = health.constant() || gradNorm < DEAD_GRADIENT;
          boolean collapsed = dead || health.collapsedSince(start);
          if (dead) {
            failures.add(health.constant() ? "dead network (every row has the same embedding)"
                : String.format(Locale.ROOT, "dead network (gradient norm %.1e)", gradNorm));
            if (rateBoosts < MAX_RATE_BOOSTS) {
              schedule.boost(3.0);
              rateBoosts++;
              actions.add("learning-rate boost x3");
            }
          } else if (collapsed) {
            failures.add("collapse (" + health.describe() + "; at the start "
                + start.describe() + ")");
            if (curriculum.boostTemperature(2.0)) {
              actions.add(String.format(Locale.ROOT, "temperature boost to %.3f",
                  curriculum.temperature()));
            }
            if (curriculum.boostSpread(2.0)) {
              actions.add("spread weight boost x2");
            }
          }
          if (!boosted && !dead && !collapsed && epoch == Math.max(3, plan.epochs / 5)
              && !(validationLoss < 0.99 * firstValidation)) {
            failures.add("no learning");
            actions.add("learning-rate boost x2");
            schedule.boost(2.0);
            boosted = true;
          }
          if (validationLoss > previousValidation && trainContrastive < previousTrain) {
            worsening++;
            if (worsening >= 2) {
              failures.add("over-fitting");
            }
          } else {
            worsening = 0;
          }
          previousTrain = trainContrastive;
          previousValidation = validationLoss;
          boolean stop = false;
          // A healthy epoch beats any collapsed one; among equals the lower validation loss wins.
          boolean keep = Double.isFinite(validationLoss) && (collapsed
              ? bestCollapsed && validationLoss < bestLoss
              : bestCollapsed || validationLoss < bestLoss);
          if (keep) {
            bestLoss = validationLoss;
            keptLoss = validationLoss;
            bestEpoch = epoch;
            bestCollapsed = collapsed;
            best = parameters.toFloatArray();
          } else if (epoch - bestEpoch >= patience && epoch >= plan.epochs / 3) {
            if (collapsed) {
              actions.add("early stopping blocked while collapsed");
            } else {
              actions.add("early stopping, keeping epoch " + bestEpoch);
              stop = true;
            }
          }
          if (collapsed && !dead && rollbacks < MAX_ROLLBACKS && epoch < plan.epochs) {
            rollbacks++;
            optimiser.restart(bestCollapsed ? initial : best);
            actions.add(bestCollapsed ? "restart from the initial weights"
                : "rollback to epoch " + bestEpoch);
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
          if (fingerprint != null && !stop && epoch < plan.epochs && interval >= 0
              && System.nanoTime() - lastCheckpoint >= interval * 1_000_000_000L) {
            AdamW.State state = optimiser.state();
            checkpoints.save(fingerprint, epoch, new SpaceCheckpoint(epoch,
                parameters.toFloatArray(), state.firstMoment(), state.secondMoment(),
                state.steps(), random, schedule.boostFactor(), curriculum.temperatureBoost(),
                curriculum.spreadBoost(), step, clipEma, best, bestLoss, keptLoss, bestCollapsed,
                bestEpoch, firstValidation, boosted, rateBoosts, rollbacks, previousTrain,
                previousValidation, worsening, List.copyOf(timeline)).toBytes());
            lastCheckpoint = System.nanoTime();
          }
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
      // No epoch kept means no finite validation loss ever (a kept epoch whose baseline was reset
      // by a temperature boost, with later epochs collapsed, is still a kept epoch).
      if (bestEpoch == 0) {
        throw new EngineException(EngineException.Kind.INTERNAL,
            "Training diverged: the loss was never finite. Try a smaller 'learning_rate'.");
      }
      if (bestCollapsed) {
        monitor.warning(String.format(Locale.ROOT, "The embedding space collapsed and did not "
            + "recover: the kept epoch %d has %s on validation rows. Its rows are hard to tell "
            + "apart; try a smaller 'learning_rate' or a larger 'temperature'.", bestEpoch,
            timeline.get(bestEpoch - 1).failures().isEmpty() ? "collapsed embeddings"
                : timeline.get(bestEpoch - 1).failures()));
      }
      return new Result(best, epochsRun, keptLoss, timeline, (float) curriculum.temperature());
    }

    /**
     * What this run trains on and with, for its checkpoints: the encoded rows and related rows,
     * the split, the settings and the initial weights (which also stand for the layout, the
     * seed and the code that drew them).
     */
    private String fingerprint(EncodedRows encoded, List<RelatedTokens.Encoded> related,
        int[] training, int[] validation, float[] initial) {
      RunFingerprint f = new RunFingerprint().add("space").add(seed)
          .add(plan.dModel).add(plan.layers).add(plan.heads).add(plan.batchSize)
          .add(plan.epochs).add(Double.doubleToLongBits(plan.learningRate))
          .add(Double.doubleToLongBits(plan.temperature)).add(EngineRuntime.threads())
          .add(training).add(validation).add(initial);
      addRows(f, encoded);
      addRelated(f, related);
      return f.hex();
    }

    private static void addRows(RunFingerprint f, EncodedRows rows) {
      f.add(rows.rows()).add(rows.columns()).add(rows.index()).add(rows.values())
          .add(rows.keys()).add(rows.unparseable());
      if (rows.sentences() != null) {
        f.add(rows.sentences().rows()).add(rows.sentences().use())
            .add(rows.sentences().table());
      }
    }

    private static void addRelated(RunFingerprint f, List<RelatedTokens.Encoded> related) {
      f.add(related.size());
      for (RelatedTokens.Encoded r : related) {
        addRows(f, r.rows);
        f.add(r.members.length);
        for (int[] members : r.members) {
          f.add(members);
        }
        f.add(r.summaries).add(r.counts);
        addRelated(f, r.nested);
      }
    }

    /** The rows whose embeddings are measured: validation rows, else training rows; at most 512. */
    private static int[] healthRows(int[] training, int[] validation) {
      int[] rows = validation.length >= 16 ? validation : training;
      return Arrays.copyOf(rows, Math.min(HEALTH_ROWS, rows.length));
    }

    /**
     * Per column, a lower bound on the mutual information (in bits) between the column and the
     * rest of its row: {@code log(B) - L} for the column's InfoNCE loss {@code L} over batches of
     * {@code B} rows, the column hidden in one of two complementary views, clamped at zero.
     */
    double[] mutualInformationBits(float[] weights, float temperature, EncodedRows encoded,
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
                Arrays.copyOfRange(mask, from * c, (from + batch) * c), temperature);
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

    /**
     * The validation loss (per-column plus row InfoNCE, unweighted, at the base temperature so
     * that epochs compare whatever the curriculum and the boosts did) and the health of the
     * embeddings of {@code healthRows}.
     */
    private Validation validate(NDManager model, NDArray parameters, EncodedRows encoded,
        List<RelatedTokens.Encoded> related, int[] rows, float[] mask, int[] healthRows,
        double temperature) {
      ObjectiveWeights reference = new ObjectiveWeights(1, 1, 0, 0, temperature);
      int batch = Math.min(plan.batchSize, rows.length);
      double sum = 0;
      int count = 0;
      int c = objective.tokens();
      for (int from = 0; batch > 0 && from + batch <= rows.length; from += batch) {
        MaskedViewObjective.Batch b = MaskedViewObjective.Batch.of(encoded, related,
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
      int chunk = Math.max(1, plan.batchSize);
      for (int from = 0; from < healthRows.length; from += chunk) {
        int to = Math.min(healthRows.length, from + chunk);
        MaskedViewObjective.Batch b = MaskedViewObjective.Batch.of(encoded, related,
            Arrays.copyOfRange(healthRows, from, to));
        try (NDManager scope = model.newSubManager()) {
          float[] z = objective.embed(layout.views(parameters, scope), scope, b).toFloatArray();
          System.arraycopy(z, 0, embeddings, from * width, z.length);
        }
      }
      return EmbeddingHealth.of(embeddings, width);
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
