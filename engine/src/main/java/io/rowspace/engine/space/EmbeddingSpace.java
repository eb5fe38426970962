package io.rowspace.engine.space;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import io.rowspace.engine.EngineError;
import io.rowspace.engine.EngineRuntime;
import io.rowspace.engine.data.Frame;
import io.rowspace.engine.data.Relation;
import io.rowspace.engine.data.Renaming;
import io.rowspace.engine.encode.ColumnEncoder;
import io.rowspace.engine.encode.EncodedRows;
import io.rowspace.engine.encode.RowEncoder;
import io.rowspace.engine.nn.BatchPadding;
import io.rowspace.engine.nn.InferencePath;
import io.rowspace.engine.nn.ParameterLayout;
import io.rowspace.engine.nn.TabularTransformer;
import io.rowspace.engine.nn.TransformerInference;
import io.rowspace.engine.profile.ColumnProfile;
import io.rowspace.engine.store.ModelFile;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.ref.Cleaner;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A trained embedding space: the column profiles and encoders, the transformer weights and the
 * provenance of training. It maps rows to L2-normalised vectors.
 *
 * <p>Thread-safe: {@link #embed} may be called from several threads. The default Java forward
 * pass ({@link TransformerInference}, weights prepared once) runs calls side by side; the PyTorch
 * pass ({@link InferencePath#PYTORCH}) and the tokens of related tables serialise them, each batch
 * in its own native memory scope. {@link #close()} frees the native memory.
 */
public final class EmbeddingSpace implements AutoCloseable {
  private static final int CHUNK_ROWS = 1024;
  /** Rows the Java pass runs together: their activations stay in the core's caches. */
  private static final int JAVA_CHUNK_ROWS = 32;

  private final List<ColumnProfile> profiles;
  private final RowEncoder encoder;
  private final TabularTransformer.Config config;
  private final RelatedTokens related;
  private final ParameterLayout layout;
  private final float[] parameterValues;
  private final Map<String, String> options;
  private final int epochs;
  private final double finalValidationLoss;
  private final String device;
  private final long seed;
  private final int rowsTrained;
  private final double trainSeconds;
  private final List<EpochRecord> timeline;
  private final Map<String, Double> mutualInformationBits;
  private final NDManager manager;
  private final Cleaner.Cleanable nativeMemory;
  private final NDArray parameters;
  private String fingerprint;
  private TransformerInference inference;
  private boolean closed;

  public EmbeddingSpace(List<ColumnProfile> profiles, RowEncoder encoder, TabularTransformer.Config config,
      RelatedTokens related, float[] parameterValues, Map<String, String> options, int epochs,
      double finalValidationLoss,
      String device, long seed, int rowsTrained, double trainSeconds, List<EpochRecord> timeline,
      Map<String, Double> mutualInformationBits) {
    this.profiles = List.copyOf(profiles);
    this.encoder = encoder;
    this.config = config;
    this.related = related;
    this.layout = SpaceTokens.layout(config, related);
    if (layout.size() != parameterValues.length) {
      throw EngineError.SPACE_WEIGHT_COUNT.exception(parameterValues.length,
          layout.size());
    }
    this.parameterValues = parameterValues;
    this.options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    this.epochs = epochs;
    this.finalValidationLoss = finalValidationLoss;
    this.device = device;
    this.seed = seed;
    this.rowsTrained = rowsTrained;
    this.trainSeconds = trainSeconds;
    this.timeline = List.copyOf(timeline);
    this.mutualInformationBits =
        Collections.unmodifiableMap(new LinkedHashMap<>(mutualInformationBits));
    this.manager = NDManager.newBaseManager(EngineRuntime.ensureStarted());
    this.nativeMemory = EngineRuntime.closeWhenUnreachable(this, manager);
    this.parameters = manager.create(parameterValues);
  }

  /** Every column of the training rows, used or excluded, with what profiling found. */
  public List<ColumnProfile> columns() {
    return profiles;
  }

  /** Names of the columns the model uses, in token order. */
  /** The related tables of the space, each one token of the root rows; empty for one table. */
  public List<Relation> relations() {
    return related.relations();
  }

  /** The tokens of the related tables, which a continued training keeps. */
  public RelatedTokens relatedTokens() {
    return related;
  }

  /** The profiles of the columns of every related table, by relation (all depths). */
  public Map<Relation, List<ColumnProfile>> relatedColumns() {
    return related.profiles();
  }

  /** The encoders of the used columns, in token order. */
  public List<ColumnEncoder> encoders() {
    return encoder.encoders();
  }

  public List<String> usedColumns() {
    List<String> names = new ArrayList<>();
    for (ColumnEncoder e : encoder.encoders()) {
      names.add(e.name());
    }
    return names;
  }

  public int dModel() {
    return config.dModel();
  }

  public int layers() {
    return config.layers();
  }

  public int heads() {
    return config.heads();
  }

  /** Epochs actually run (early stopping may end training before the planned number). */
  public int epochs() {
    return epochs;
  }

  public double finalValidationLoss() {
    return finalValidationLoss;
  }

  public String device() {
    return device;
  }

  public long seed() {
    return seed;
  }

  public int rowsTrained() {
    return rowsTrained;
  }

  /**
   * Wall-clock seconds training took; NaN for a space loaded from bytes (timings are not saved,
   * so that the same training gives the same bytes).
   */
  public double trainSeconds() {
    return trainSeconds;
  }

  /** Resolved training options (given and derived), for provenance. */
  public Map<String, String> options() {
    return options;
  }

  /** The recorded epochs of training. */
  public List<EpochRecord> timeline() {
    return timeline;
  }

  /**
   * Per used column, in token order, an estimate in bits of the mutual information between the
   * column and the rest of its row: how much the other columns tell about it. It is a lower bound
   * from the column's contrastive loss on held-out rows, {@code (ln B - loss) / ln 2} for batches
   * of {@code B} rows, clamped at zero, so it cannot exceed {@code log2 B} nor, in expectation,
   * the column's entropy. Empty for spaces saved in format version 1.
   */
  public Map<String, Double> mutualInformationBits() {
    return mutualInformationBits;
  }

  public int embeddingDimension() {
    return config.embeddingDim();
  }

  /**
   * SHA-256 of the encoders and weights, in hex: identifies this exact space, e.g. so a predictor
   * can check it is used with the space it was trained on.
   */
  public synchronized String fingerprint() {
    if (fingerprint == null) {
      try {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        encoder.write(out);
        config.write(out);
        related.write(out);
        ModelFile.writeFloats(out, parameterValues);
        out.flush();
        fingerprint = HexFormat.of().formatHex(
            MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray()));
      } catch (IOException | NoSuchAlgorithmException e) {
        throw EngineError.SPACE_FINGERPRINT.exception(e);
      }
    }
    return fingerprint;
  }

  /**
   * Embeds rows: one L2-normalised vector per row, computed in batches.
   *
   * @param rows the rows; space columns absent from the frame are treated as missing
   * @param maskedColumns columns hidden from the model (e.g. a predictor's target)
   */
  public float[][] embed(Frame rows, Set<String> maskedColumns) {
    return represent(rows, maskedColumns, false).embeddings();
  }

  /**
   * Runs the space on rows and returns embeddings, the transformer outputs predictors build on,
   * and the count of unparseable values per column.
   *
   * @param withTokens whether to include every column token's output in the context
   */
  public Representation represent(Frame rows, Set<String> maskedColumns, boolean withTokens) {
    EncodedRows encoded = encoder.encode(rows);
    List<RelatedTokens.Encoded> relatedRows = related.encode(rows);
    int n = encoded.rows();
    float[] maskRow = maskRow(encoded.columns(), maskedColumns);
    float[][] embeddings = new float[n][];
    float[][] context = new float[n][];
    if (InferencePath.current() == InferencePath.JAVA) {
      int t = maskRow.length;
      int d = config.dModel();
      int e = config.embeddingDim();
      representInJava(encoded, relatedRows, maskRow, withTokens, (from, b, out) -> {
        int width = d + (withTokens ? t * d : 0);
        for (int r = 0; r < b; r++) {
          embeddings[from + r] = java.util.Arrays.copyOfRange(out.embedding(), r * e,
              (r + 1) * e);
          float[] ctx = new float[width];
          System.arraycopy(out.cls(), r * d, ctx, 0, d);
          if (withTokens) {
            System.arraycopy(out.tokens(), r * t * d, ctx, d, t * d);
          }
          context[from + r] = ctx;
        }
      });
    } else {
      representInPyTorch(encoded, relatedRows, maskRow, withTokens, embeddings, context);
    }
    return new Representation(embeddings, context, unparseable(encoded));
  }

  /**
   * What a predictor's network reads of rows, written straight into {@code out} (row-major, at
   * row stride {@code width}): per row the embedding, the CLS output and every token's output
   * ({@link #represent} with tokens), then, when {@code withColumns}, the columns' own features
   * ({@link #columnFeatures}); the rows are encoded once. With {@code mean} and {@code std}, each
   * value {@code v} at position {@code j} is written standardised, {@code (v - mean[j]) /
   * std[j]} in float, as a predictor standardises its features.
   *
   * @param mean per position, the value subtracted, or null to write the values as they are
   * @param std per position, the divisor (with {@code mean})
   * @return per space column, values unreadable as its type (columns with none left out)
   */
  public Map<String, Long> features(Frame rows, Set<String> maskedColumns, boolean withColumns,
      float[] out, int width, float[] mean, float[] std) {
    EncodedRows encoded = encoder.encode(rows);
    int n = encoded.rows();
    float[] maskRow = maskRow(encoded.columns(), maskedColumns);
    int e = config.embeddingDim();
    int d = config.dModel();
    int spaceWidth = e + d * (1 + maskRow.length);
    if (InferencePath.current() == InferencePath.JAVA) {
      int tokens = maskRow.length * d;
      representInJava(encoded, related.encode(rows), maskRow, true, (from, b, pass) -> {
        for (int r = 0; r < b; r++) {
          int o = (from + r) * width;
          put(pass.embedding(), r * e, out, o, 0, e, mean, std);
          put(pass.cls(), r * d, out, o, e, d, mean, std);
          put(pass.tokens(), r * tokens, out, o, e + d, tokens, mean, std);
        }
      });
    } else {
      Representation r = represent(rows, maskedColumns, true);
      for (int i = 0; i < n; i++) {
        put(r.embeddings()[i], 0, out, i * width, 0, e, mean, std);
        put(r.context()[i], 0, out, i * width, e, spaceWidth - e, mean, std);
      }
    }
    if (withColumns) {
      int columnWidth = columnFeatureWidth();
      float[] columns = columnFeatures(encoded, maskedColumns);
      for (int i = 0; i < n; i++) {
        put(columns, i * columnWidth, out, i * width, spaceWidth, columnWidth, mean, std);
      }
    }
    return unparseable(encoded);
  }

  /**
   * Copies {@code n} values to positions {@code at ..} of the row of {@code out} starting at
   * {@code row}, standardised when a mean is given.
   */
  private static void put(float[] from, int fromOffset, float[] out, int row, int at, int n,
      float[] mean, float[] std) {
    if (mean == null) {
      System.arraycopy(from, fromOffset, out, row + at, n);
      return;
    }
    for (int i = 0; i < n; i++) {
      out[row + at + i] = (from[fromOffset + i] - mean[at + i]) / std[at + i];
    }
  }

  private Map<String, Long> unparseable(EncodedRows encoded) {
    Map<String, Long> unparseable = new LinkedHashMap<>();
    for (int j = 0; j < encoded.columns(); j++) {
      if (encoded.unparseable()[j] > 0) {
        unparseable.put(encoder.encoders().get(j).name(), encoded.unparseable()[j]);
      }
    }
    return unparseable;
  }

  /**
   * The count of values per column present but unreadable as the column's type, without running
   * the transformer: what a predictor whose network has no share reports.
   */
  public Map<String, Long> unparseable(Frame rows) {
    return unparseable(encoder.encode(rows));
  }

  /** The Java forward pass ({@link TransformerInference}), its weights prepared once. */
  private synchronized TransformerInference inference() {
    ensureOpen();
    if (inference == null) {
      inference = new TransformerInference(config, layout, parameterValues, related.count());
    }
    return inference;
  }

  /** Receives the Java pass's outputs for the {@code b} rows from row {@code from}. */
  private interface PassOutputs {
    void accept(int from, int b, TransformerInference.Output out);
  }

  /**
   * Runs the Java pass by chunks of rows; without {@code withTokens} it makes only the CLS
   * outputs and embeddings (the last layer for the CLS query alone, {@link
   * TransformerInference#encode(float[], int, int, boolean[], boolean)}).
   */
  private void representInJava(EncodedRows encoded, List<RelatedTokens.Encoded> relatedRows,
      float[] maskRow, boolean withTokens, PassOutputs sink) {
    TransformerInference pass = inference();
    RelatedTokenValues relatedValues = related.isEmpty() ? null
        : new RelatedTokenValues(related, layout, config.dModel());
    int n = encoded.rows();
    int columns = encoded.columns();
    int t = maskRow.length;
    int d = config.dModel();
    boolean[] masked = new boolean[t];
    for (int j = 0; j < t; j++) {
      masked[j] = maskRow[j] != 0f;
    }
    for (int from = 0; from < n; from += JAVA_CHUNK_ROWS) {
      int to = Math.min(n, from + JAVA_CHUNK_ROWS);
      int b = to - from;
      float[] content = new float[b * t * d];
      pass.content(encoded.range(from, to), content, t);
      if (relatedValues != null) {
        int[] holders = new int[b];
        for (int r = 0; r < b; r++) {
          holders[r] = from + r;
        }
        float[] tokens;
        synchronized (this) {
          ensureOpen();
          tokens = relatedValues.tokens(manager, parameters, relatedRows, holders);
        }
        int k = related.count();
        for (int r = 0; r < b; r++) {
          System.arraycopy(tokens, r * k * d, content, (r * t + columns) * d, k * d);
        }
      }
      sink.accept(from, b, pass.encode(content, b, t, masked, withTokens));
    }
  }

  private void representInPyTorch(EncodedRows encoded, List<RelatedTokens.Encoded> relatedRows,
      float[] maskRow, boolean withTokens, float[][] embeddings, float[][] context) {
    int n = encoded.rows();
    int c = maskRow.length;
    int d = config.dModel();
    synchronized (this) {
      ensureOpen();
      for (int from = 0; from < n; from += CHUNK_ROWS) {
        int to = Math.min(n, from + CHUNK_ROWS);
        int b = to - from;
        // Padded with copies of the last row, so a row's vector does not depend on how many
        // rows are embedded with it (BatchPadding).
        int padded = BatchPadding.rows(b);
        int[] holders = new int[padded];
        for (int r = 0; r < padded; r++) {
          holders[r] = from + Math.min(r, b - 1);
        }
        SpaceTokens.Batch chunk = padded == b
            ? new SpaceTokens.Batch(encoded.range(from, to), relatedRows, holders)
            : SpaceTokens.Batch.of(encoded, relatedRows, holders);
        try (NDManager scope = manager.newSubManager()) {
          Map<String, NDArray> p = layout.views(parameters, scope);
          float[] mask = new float[padded * c];
          for (int r = 0; r < padded; r++) {
            System.arraycopy(maskRow, 0, mask, r * c, c);
          }
          NDArray content = SpaceTokens.of(p, scope, chunk, related, d).content();
          TabularTransformer.Output out = TabularTransformer.encode(config, p, content,
              scope.create(mask, new Shape(padded, c, 1)));
          float[] z = out.embedding().toFloatArray();
          float[] cls = out.cls().toFloatArray();
          float[] tokens = withTokens ? out.tokens().toFloatArray() : null;
          int e = config.embeddingDim();
          int width = d + (withTokens ? c * d : 0);
          for (int r = 0; r < b; r++) {
            embeddings[from + r] = java.util.Arrays.copyOfRange(z, r * e, (r + 1) * e);
            float[] ctx = new float[width];
            System.arraycopy(cls, r * d, ctx, 0, d);
            if (tokens != null) {
              System.arraycopy(tokens, r * c * d, ctx, d, c * d);
            }
            context[from + r] = ctx;
          }
        }
      }
    }
  }

  /**
   * The forward pass over the given rows on weights the caller holds, for fine-tuning: the rows
   * are encoded now, with {@code maskedColumns} hidden as in {@link #represent}.
   */
  public SpaceForwardPass forwardPass(Frame rows, Set<String> maskedColumns) {
    EncodedRows encoded = encoder.encode(rows);
    return new SpaceForwardPass(config, related, layout, encoded, related.encode(rows),
        maskRow(encoded.columns(), maskedColumns), columnFeatures(encoded, maskedColumns),
        columnFeatureWidth());
  }

  /**
   * Per row, the numeric features of every used column as its encoder computes them (the
   * standardised value, its log, its rank, ...: {@link ColumnEncoder#FEATURES} per column, zero
   * for categories and missing values), row-major; the columns in {@code maskedColumns} are all
   * zero. Predictors read them beside the space's outputs, so the exact value of a number reaches
   * the head even where the embedding blurs it.
   */
  public float[] columnFeatures(Frame rows, Set<String> maskedColumns) {
    return columnFeatures(encoder.encode(rows), maskedColumns);
  }

  /**
   * Per row, the largest {@linkplain ColumnEncoder#extremeness extremeness} of its values in the
   * space's root columns present in {@code rows}: how many robust standard deviations its most
   * extreme number lies beyond that column's outlier fences (0 for most rows).
   */
  public double[] extremeness(Frame rows) {
    double[] out = new double[rows.rowCount()];
    for (ColumnEncoder e : encoder.encoders()) {
      int c = rows.indexOf(e.name());
      if (c < 0) {
        continue;
      }
      for (int r = 0; r < out.length; r++) {
        out[r] = Math.max(out[r], e.extremeness(rows.value(r, c)));
      }
    }
    return out;
  }

  /** Width of a row of {@link #columnFeatures}. */
  public int columnFeatureWidth() {
    return encoder.columnCount() * config.features();
  }

  private float[] columnFeatures(EncodedRows encoded, Set<String> maskedColumns) {
    int c = encoded.columns();
    int f = encoded.features();
    int width = c * config.features();
    float[] out = new float[encoded.rows() * width];
    for (int r = 0; r < encoded.rows(); r++) {
      for (int j = 0; j < c; j++) {
        if (maskedColumns.contains(encoder.encoders().get(j).name())) {
          continue;
        }
        System.arraycopy(encoded.values(), (r * c + j) * f, out, r * width + j * config.features(),
            Math.min(f, config.features()));
      }
    }
    return out;
  }

  /** The shape of the space's transformer. */
  public TabularTransformer.Config config() {
    return config;
  }

  /** The row encoder of the used columns. */
  public RowEncoder rowEncoder() {
    return encoder;
  }

  /** The layout of the space's flat weight vector (see {@link #weights()}). */
  public ParameterLayout parameterLayout() {
    return layout;
  }

  /** A copy of the space's flat weight vector. */
  public float[] weights() {
    return parameterValues.clone();
  }

  /**
   * The same space (encoders, shape, provenance) with other values for its weights, for instance
   * layers a predictor fine-tuned. It has its own native memory and its own fingerprint; this
   * space is unchanged.
   */
  public EmbeddingSpace withWeights(float[] values) {
    return new EmbeddingSpace(profiles, encoder, config, related, values.clone(), options, epochs,
        finalValidationLoss, device, seed, rowsTrained, trainSeconds, timeline,
        mutualInformationBits);
  }

  /**
   * A space renamed for another database, and how its names changed.
   *
   * @param space the renamed space
   * @param names every name a predictor of the space may hold, old to new: root columns,
   *     related tables' token names (also as {@code TABLE.*}) and their summaries' names
   */
  public record Renamed(EmbeddingSpace space, Map<String, String> names) {}

  /**
   * The same space (encoders, weights, provenance) reading tables and columns under new names:
   * it embeds rows of the renamed tables exactly as this one embeds rows of the old ones. Its
   * fingerprint differs, since the names are part of what it is; a predictor follows it with
   * {@code Predictor.renamed}.
   *
   * @param rootTable the old name of the root table
   */
  public Renamed renamed(Renaming names, String rootTable) {
    UnaryOperator<String> root = c -> names.column(rootTable, c);
    Map<String, String> changes = new LinkedHashMap<>(names.columns().getOrDefault(rootTable,
        Map.of()));
    for (ColumnProfile p : profiles) {
      changes.put(p.name(), root.apply(p.name()));
    }
    RelatedTokens renamedRelated = related.renamed(names, rootTable);
    List<Relation> before = new ArrayList<>();
    related.relations().forEach(r -> before.addAll(r.flatten()));
    List<Relation> after = new ArrayList<>();
    renamedRelated.relations().forEach(r -> after.addAll(r.flatten()));
    for (int i = 0; i < before.size(); i++) {
      changes.put(before.get(i).name(), after.get(i).name());
      changes.put(before.get(i).name() + ".*", after.get(i).name() + ".*");
      List<String> old = before.get(i).summaryNames();
      List<String> now = after.get(i).summaryNames();
      for (int j = 0; j < old.size(); j++) {
        changes.put(old.get(j), now.get(j));
      }
    }
    Map<String, Double> bits = new LinkedHashMap<>();
    mutualInformationBits.forEach((name, value) ->
        bits.put(changes.getOrDefault(name, name), value));
    EmbeddingSpace space = new EmbeddingSpace(
        profiles.stream().map(p -> p.withName(root.apply(p.name()))).toList(),
        encoder.renamed(root), config, renamedRelated, parameterValues.clone(), options, epochs,
        finalValidationLoss, device, seed, rowsTrained, trainSeconds, timeline, bits);
    return new Renamed(space, Collections.unmodifiableMap(changes));
  }

  /** The prefix of the weight names of transformer layer {@code layer}. */
  public static String layerPrefix(int layer) {
    return "layer" + layer + ".";
  }

  private float[] maskRow(int columns, Set<String> maskedColumns) {
    float[] maskRow = new float[columns + related.count()];
    for (int j = 0; j < maskRow.length; j++) {
      String name = j < columns ? encoder.encoders().get(j).name()
          : related.names().get(j - columns);
      if (maskedColumns.contains(name)) {
        maskRow[j] = 1f;
      }
    }
    return maskRow;
  }

  private void ensureOpen() {
    if (closed) {
      throw EngineError.SPACE_CLOSED.exception();
    }
  }

  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      nativeMemory.clean();
    }
  }
}
