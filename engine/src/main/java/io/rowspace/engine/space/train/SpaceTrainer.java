package io.rowspace.engine.space.train;

import ai.djl.engine.Engine;

import io.rowspace.engine.EngineRuntime;
import io.rowspace.engine.data.Frame;
import io.rowspace.engine.data.RowOrder;
import io.rowspace.engine.encode.ColumnEncoder;
import io.rowspace.engine.encode.EncodedRows;
import io.rowspace.engine.encode.RowEncoder;
import io.rowspace.engine.nn.TabularTransformer;
import io.rowspace.engine.profile.ColumnProfile;
import io.rowspace.engine.profile.ColumnProfiler;
import io.rowspace.engine.space.EmbeddingSpace;
import io.rowspace.engine.space.RelatedTokens;
import io.rowspace.engine.space.SpaceOptions;
import io.rowspace.engine.space.SpaceTokens;
import io.rowspace.engine.space.TrainingMonitor;
import io.rowspace.engine.text.SentenceModel;
import io.rowspace.error.EngineException;
import io.rowspace.error.ErrorCode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
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
 * <p>Training watches itself after every epoch and records what it saw and did in the timeline
 * (dead network, collapse, no learning, over-fitting, unstable updates; the answers are listed on
 * {@link Interventions}). The work is split by concern: {@link TrainingPlan} resolves the
 * settings, {@link TrainingLoop} runs the epochs (and resumes from checkpoints), and
 * {@link ColumnInformation} measures what each column shares with the rest of its row.
 *
 * <p>Reproducible: the same rows, options, seed and thread count give bitwise-identical weights.
 * All randomness (sampling, split, shuffles, masks, initial weights) comes from a
 * {@link java.util.Random} owned by the job, so concurrent jobs do not disturb each other.
 */
public final class SpaceTrainer {
  /** Rows a space needs at the least. */
  static final int MIN_ROWS = 10;

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
      throw ErrorCode.TOO_FEW_SPACE_ROWS.failure(MIN_ROWS, rows.rowCount());
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
      throw ErrorCode.EXTENDED_COLUMNS_MISSING.failure(
          base.encoders().stream().map(ColumnEncoder::name).toList());
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
    // A root whose only usable column is the target, or none (a key alone, its target left out
    // with EXCLUDE COLUMNS), learns from its related tables: each related table is an input like
    // a column (issue 14's root-only shape). The masked views need two inputs.
    if (encoders.isEmpty() && data.related().isEmpty()) {
      throw ErrorCode.NO_USABLE_COLUMNS.failure(String.join(", ", excluded));
    }
    if (encoders.isEmpty() && data.related().size() == 1) {
      throw ErrorCode.ONE_RELATED_INPUT.failure(data.related().get(0).relation().name(),
          String.join(", ", excluded));
    }
    if (encoders.size() + data.related().size() < 2) {
      throw ErrorCode.ONE_USABLE_COLUMN.failure(encoders.get(0).name(),
          excluded.isEmpty() ? "" : " (excluded: " + String.join(", ", excluded) + ")");
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
          throw ErrorCode.EXTENDED_RELATION_MISSING.failure(relation);
        }
      }
    } else if (!data.related().isEmpty()) {
      m.progress("profile", 0, 1, "profiling " + data.related().size() + " related tables");
      related = RelatedTokens.fit(data.related(), m);
    }
    List<RelatedTokens.Encoded> relatedRows = related.encode(data);
    TrainingPlan plan = TrainingPlan.derive(data.rowCount(),
        encoder.columnCount() + related.count(), options);
    TabularTransformer.Config config = new TabularTransformer.Config(encoder.columnCount(),
        encoder.vocabularySize(), plan.dModel(), plan.layers(), plan.heads(), plan.dModel(),
        encoder.features(), encoder.slots(), encoder.sentenceDimension());
    if (base != null && (base.config().dModel() != config.dModel()
        || base.config().layers() != config.layers() || base.config().heads() != config.heads()
        || base.config().features() != config.features()
        || base.config().slots() != config.slots())) {
      throw ErrorCode.EXTENDED_SHAPE.failure(base.config().dModel(),
          base.config().layers(), base.config().heads());
    }

    int[] order = RowOrder.shuffled(data.rowCount(), random);
    int validationRows = plan.validationRows();
    int[] validation = Arrays.copyOf(order, validationRows);
    int[] training = Arrays.copyOfRange(order, validationRows, order.length);

    Map<String, String> resolved = new LinkedHashMap<>();
    resolved.put("d_model", Integer.toString(plan.dModel()));
    resolved.put("layers", Integer.toString(plan.layers()));
    resolved.put("heads", Integer.toString(plan.heads()));
    resolved.put("epochs", Integer.toString(plan.epochs()));
    resolved.put("batch_size", Integer.toString(plan.batchSize()));
    resolved.put("learning_rate", Double.toString(plan.learningRate()));
    resolved.put("seed", Long.toString(options.seed()));
    options.maxRows().ifPresent(v -> resolved.put("max_rows", Integer.toString(v)));
    resolved.put("device", device);
    resolved.put("validation_fraction", Double.toString(plan.validationFraction()));
    resolved.put("threads", Integer.toString(EngineRuntime.threads()));
    resolved.put("sentence_model", semantic.resolved());
    resolved.put("weight_decay", Float.toString(TrainingLoop.WEIGHT_DECAY));
    resolved.put("temperature", Double.toString(plan.temperature()));
    resolved.put("spread_weight", Float.toString(TrainingLoop.SPREAD_WEIGHT));
    resolved.put("engine", "DJL " + Engine.getDjlVersion() + ", PyTorch "
        + Engine.getEngine("PyTorch").getVersion());

    TrainingLoop loop = new TrainingLoop(config, related, plan, ScalarTargets.of(encoder),
        options.seed(), random, m, base);
    TrainingLoop.Result result = loop.run(encoded, relatedRows, training, validation);
    m.progress("information", 0, 1, "estimating what each column shares with the others");
    // At most as many rows as the loss after an epoch reads, so that this estimate, like the
    // epochs, costs no more at a million rows than at fifty thousand.
    int[] informationRows = validation.length >= Math.min(plan.batchSize(), 64) ? validation : order;
    double[] bits = ColumnInformation.bits(loop.objective(), loop.layout(), plan.batchSize(),
        options.seed(), result.parameters(), result.temperature(), encoded, relatedRows,
        Arrays.copyOf(informationRows,
            Math.min(informationRows.length, TrainingLoop.VALIDATION_LOSS_ROWS)));
    // The training heads (reconstruction) follow the space's weights and are not kept.
    float[] spaceWeights =
        Arrays.copyOf(result.parameters(), (int) SpaceTokens.layout(config, related).size());
    Map<String, Double> information = new LinkedHashMap<>();
    for (int c = 0; c < encoders.size(); c++) {
      information.put(encoders.get(c).name(), bits[c]);
    }
    for (int r = 0; r < related.count(); r++) {
      information.put(related.names().get(r), bits[encoders.size() + r]);
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    return new EmbeddingSpace(profiles, encoder, config, related, spaceWeights, resolved,
        result.epochs(), result.validationLoss(), device, options.seed(), data.rowCount(), seconds,
        result.timeline(), information);
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
    int[] sample = Arrays.copyOf(RowOrder.shuffled(rows.rowCount(), random),
        options.maxRows().getAsInt());
    Arrays.sort(sample);
    return rows.rows(sample);
  }
}
