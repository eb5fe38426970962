package io.rowspace.engine.space;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import io.rowspace.engine.EngineRuntime;
import io.rowspace.engine.encode.EncodedRows;
import io.rowspace.engine.nn.BatchPadding;
import io.rowspace.engine.nn.ParameterLayout;
import io.rowspace.engine.nn.TabularTransformer;
import io.rowspace.engine.nn.TokenOutputs;
import io.rowspace.engine.nn.TransformerInference;
import io.rowspace.error.ErrorCode;

import java.lang.ref.Cleaner;
import java.util.List;

/**
 * Runs an embedding space's transformer over encoded rows, on either path: the Java forward pass
 * ({@link TransformerInference}, its weights prepared once, by chunks of {@value #JAVA_CHUNK_ROWS}
 * rows, side by side on several threads) or PyTorch's (by padded chunks of {@value #CHUNK_ROWS}
 * rows, serialised, each in its own native memory scope). It owns the space's native memory (the
 * weights as one NDArray, also what the tokens of related tables are computed from) and frees it
 * on {@link #close()} or when the space becomes unreachable.
 */
final class SpaceInference implements AutoCloseable {
  private static final int CHUNK_ROWS = 1024;
  /** Rows the Java pass runs together: their activations stay in the core's caches. */
  private static final int JAVA_CHUNK_ROWS = 32;

  private final TabularTransformer.Config config;
  private final ParameterLayout layout;
  private final float[] parameterValues;
  private final RelatedTokens related;
  private final NDManager manager;
  private final Cleaner.Cleanable nativeMemory;
  private final NDArray parameters;
  private TransformerInference inference;
  private boolean closed;

  SpaceInference(TabularTransformer.Config config, ParameterLayout layout, float[] parameterValues,
      RelatedTokens related) {
    this.config = config;
    this.layout = layout;
    this.parameterValues = parameterValues;
    this.related = related;
    this.manager = NDManager.newBaseManager(EngineRuntime.ensureStarted());
    this.nativeMemory = EngineRuntime.closeWhenUnreachable(this, manager);
    this.parameters = manager.create(parameterValues);
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
  interface PassOutputs {
    void accept(int from, int b, TransformerInference.Output out);
  }

  /**
   * Runs the Java pass by chunks of rows, with the token outputs asked for; unless they are the
   * last layer's, the last layer runs for the CLS query alone ({@link
   * TransformerInference#encode(float[], int, int, boolean[], TokenOutputs)}).
   */
  void java(EncodedRows encoded, List<RelatedTokens.Encoded> relatedRows,
      float[] maskRow, TokenOutputs which, PassOutputs sink) {
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
      sink.accept(from, b, pass.encode(content, b, t, masked, which));
    }
  }

  void pyTorch(EncodedRows encoded, List<RelatedTokens.Encoded> relatedRows,
      float[] maskRow, TokenOutputs which, float[][] embeddings, float[][] context) {
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
          TabularTransformer.Output out = SpaceTokens.encodeMasked(config,
              layout.views(parameters, scope), scope, chunk, related, maskRow);
          float[] z = out.embedding().toFloatArray();
          float[] cls = out.cls().toFloatArray();
          float[] tokens = which.any() ? out.tokens(which).toFloatArray() : null;
          int e = config.embeddingDim();
          int width = d + (which.any() ? c * d : 0);
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

  private void ensureOpen() {
    if (closed) {
      throw ErrorCode.SPACE_CLOSED.failure();
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
