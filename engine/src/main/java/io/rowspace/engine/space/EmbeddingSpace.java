package io.rowspace.engine.space;

import io.rowspace.engine.data.Frame;
import io.rowspace.engine.data.Relation;
import io.rowspace.engine.data.Renaming;
import io.rowspace.engine.encode.ColumnEncoder;
import io.rowspace.engine.encode.EncodedRows;
import io.rowspace.engine.encode.RowEncoder;
import io.rowspace.engine.nn.InferencePath;
import io.rowspace.engine.nn.ParameterLayout;
import io.rowspace.engine.nn.TabularTransformer;
import io.rowspace.engine.nn.TokenOutputs;
import io.rowspace.engine.nn.TransformerInference;
import io.rowspace.engine.profile.ColumnProfile;
import io.rowspace.engine.store.ModelFile;
import io.rowspace.error.ErrorCode;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A trained embedding space: the column profiles and encoders, the transformer weights and the
 * provenance of training. It maps rows to L2-normalised vectors.
 *
 * <p>Thread-safe: {@link #embed} may be called from several threads. The default Java forward
 * pass ({@link TransformerInference}, weights prepared once) runs calls side by side; the PyTorch
 * pass ({@link InferencePath#PYTORCH}) and the tokens of related tables serialise them, each batch
 * in its own native memory scope ({@link SpaceInference}, which owns the native memory that
 * {@link #close()} frees). Renaming for another database is {@link SpaceRenaming}'s.
 *
 * <p>About 490 lines, half of them documentation: a space has many parts (profiles, encoders,
 * shape, related tables, weights, provenance of training), each with an accessor that the saved
 * format, the predictors and the SQL layer read; what it does beyond holding them is turn rows
 * into what those readers ask for (embeddings, a predictor's features, column features).
 */
public final class EmbeddingSpace implements AutoCloseable {
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
  private final SpaceInference passes;
  private String fingerprint;

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
      throw ErrorCode.SPACE_WEIGHT_COUNT.failure(parameterValues.length,
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
    this.passes = new SpaceInference(config, layout, parameterValues, related);
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
        throw ErrorCode.SPACE_FINGERPRINT.failure(e);
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
    return represent(rows, maskedColumns, TokenOutputs.NONE).embeddings();
  }

  /**
   * Runs the space on rows and returns embeddings, the transformer outputs predictors build on,
   * and the count of unparseable values per column.
   *
   * @param withTokens whether to include every column token's output of the last layer in the
   *     context
   */
  public Representation represent(Frame rows, Set<String> maskedColumns, boolean withTokens) {
    return represent(rows, maskedColumns,
        withTokens ? TokenOutputs.LAST_LAYER : TokenOutputs.NONE);
  }

  /**
   * Runs the space on rows and returns embeddings, the transformer outputs predictors build on
   * (the CLS output, then the token outputs asked for), and the count of unparseable values per
   * column.
   */
  public Representation represent(Frame rows, Set<String> maskedColumns, TokenOutputs which) {
    boolean withTokens = which.any();
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
      passes.java(encoded, relatedRows, maskRow, which, (from, b, out) -> {
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
      passes.pyTorch(encoded, relatedRows, maskRow, which, embeddings, context);
    }
    return new Representation(embeddings, context, unparseable(encoded));
  }

  /**
   * What a predictor's network reads of rows, written straight into {@code out} (row-major, at
   * row stride {@code width}): per row the embedding, the CLS output and every token's output of
   * the kind the predictor reads ({@link #represent} with {@code which}), then, when {@code
   * withColumns}, the columns' own features ({@link #columnFeatures}); the rows are encoded once.
   * With {@code mean} and {@code std}, each value {@code v} at position {@code j} is written
   * standardised, {@code (v - mean[j]) / std[j]} in float, as a predictor standardises its
   * features.
   *
   * @param mean per position, the value subtracted, or null to write the values as they are
   * @param std per position, the divisor (with {@code mean})
   * @return per space column, values unreadable as its type (columns with none left out)
   */
  public Map<String, Long> features(Frame rows, Set<String> maskedColumns, TokenOutputs which,
      boolean withColumns, float[] out, int width, float[] mean, float[] std) {
    EncodedRows encoded = encoder.encode(rows);
    int n = encoded.rows();
    float[] maskRow = maskRow(encoded.columns(), maskedColumns);
    int e = config.embeddingDim();
    int d = config.dModel();
    int spaceWidth = e + d * (1 + maskRow.length);
    if (InferencePath.current() == InferencePath.JAVA) {
      int tokens = maskRow.length * d;
      passes.java(encoded, related.encode(rows), maskRow, which, (from, b, pass) -> {
        for (int r = 0; r < b; r++) {
          int o = (from + r) * width;
          put(pass.embedding(), r * e, out, o, 0, e, mean, std);
          put(pass.cls(), r * d, out, o, e, d, mean, std);
          put(pass.tokens(), r * tokens, out, o, e + d, tokens, mean, std);
        }
      });
    } else {
      Representation r = represent(rows, maskedColumns, which);
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

  /**
   * The forward pass over the given rows on weights the caller holds, for fine-tuning: the rows
   * are encoded now, with {@code maskedColumns} hidden as in {@link #represent}, and its outputs
   * hold the token outputs a predictor of the given kind reads.
   */
  public SpaceForwardPass forwardPass(Frame rows, Set<String> maskedColumns, TokenOutputs which) {
    EncodedRows encoded = encoder.encode(rows);
    return new SpaceForwardPass(config, related, layout, which, encoded, related.encode(rows),
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
    return SpaceRenaming.renamed(this, names, rootTable);
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

  @Override
  public void close() {
    passes.close();
  }
}
