package io.rowspace.engine.encode;

import io.rowspace.engine.store.ModelFile;
import io.rowspace.engine.text.SentenceModel;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The sentence vectors of one column's values. Those of the values seen when the space was
 * created (at most {@link #MAX_VALUES}, most frequent first) are computed once, in one batch, and
 * saved with the space, so a loaded space encodes known values without running the model. Values
 * met later are embedded on first sight, one batch per encoded frame, and kept in a bounded cache
 * ({@link #CACHE_VALUES}).
 *
 * <p>Vectors are rounded to bfloat16 precision (8 significant bits) when computed: that halves
 * what a space stores, and a vector computed again after loading rounds to the same bits as the
 * stored one.
 */
public final class SentenceVectors {
  /** Distinct values of a column embedded when a space is created. */
  public static final int MAX_VALUES = 4096;
  /** Values met after creation whose vectors are kept, per column. */
  static final int CACHE_VALUES = 10_000;

  private final Map<String, float[]> known;
  private final Map<String, float[]> met = new LinkedHashMap<>(64, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
      return size() > CACHE_VALUES;
    }
  };

  private SentenceVectors(Map<String, float[]> known) {
    this.known = known;
  }

  /**
   * Embeds the given values, most frequent first; only the first {@link #MAX_VALUES} are kept.
   */
  static SentenceVectors compute(List<String> values, SentenceModel model) {
    List<String> kept = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String v : values) {
      if (kept.size() == MAX_VALUES) {
        break;
      }
      if (seen.add(SentenceModel.cut(v))) {
        kept.add(SentenceModel.cut(v));
      }
    }
    float[][] vectors = model.embed(kept);
    Map<String, float[]> known = new LinkedHashMap<>();
    for (int i = 0; i < kept.size(); i++) {
      known.put(kept.get(i), roundToBfloat16(vectors[i]));
    }
    return new SentenceVectors(known);
  }

  /** Number of values whose vectors are stored with the space. */
  public int size() {
    return known.size();
  }

  /**
   * The vector of each key, as cut to what the model reads (null keys, for missing or unreadable
   * values, get null). Keys neither
   * stored nor cached are embedded in one batch when {@code embedUnseen} is set and the sentence
   * model is available, and get null otherwise.
   */
  synchronized float[][] lookup(String[] keys, boolean embedUnseen) {
    float[][] out = new float[keys.length][];
    Map<String, List<Integer>> unseen = new LinkedHashMap<>();
    for (int i = 0; i < keys.length; i++) {
      if (keys[i] == null) {
        continue;
      }
      String k = SentenceModel.cut(keys[i]);
      float[] v = known.get(k);
      if (v == null) {
        v = met.get(k);
      }
      if (v != null) {
        out[i] = v;
      } else if (embedUnseen) {
        unseen.computeIfAbsent(k, x -> new ArrayList<>()).add(i);
      }
    }
    if (!unseen.isEmpty()) {
      SentenceModel.Loading loading = SentenceModel.shared();
      if (loading.loaded()) {
        List<String> texts = new ArrayList<>(unseen.keySet());
        float[][] vectors = loading.model().embed(texts);
        for (int t = 0; t < texts.size(); t++) {
          float[] v = roundToBfloat16(vectors[t]);
          met.put(texts.get(t), v);
          for (int i : unseen.get(texts.get(t))) {
            out[i] = v;
          }
        }
      }
    }
    return out;
  }

  /** Rounds every value to the nearest bfloat16 (ties to even), kept as a float. */
  static float[] roundToBfloat16(float[] v) {
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      int bits = Float.floatToRawIntBits(v[i]);
      int rounded = (bits + 0x7FFF + ((bits >>> 16) & 1)) & 0xFFFF0000;
      out[i] = Float.intBitsToFloat(rounded);
    }
    return out;
  }

  void write(DataOutput out) throws IOException {
    out.writeInt(known.size());
    out.writeInt(SentenceModel.DIMENSION);
    for (Map.Entry<String, float[]> e : known.entrySet()) {
      ModelFile.writeText(out, e.getKey());
      for (float f : e.getValue()) {
        out.writeShort(Float.floatToRawIntBits(f) >>> 16);
      }
    }
  }

  static SentenceVectors read(String column, DataInput in) throws IOException {
    int n = in.readInt();
    int dimension = in.readInt();
    if (n < 0 || n > MAX_VALUES || dimension != SentenceModel.DIMENSION) {
      throw new IOException("sentence vectors of '" + column + "': " + n + " values of "
          + dimension + " dimensions");
    }
    Map<String, float[]> known = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      String key = ModelFile.readText(in);
      float[] v = new float[dimension];
      for (int j = 0; j < dimension; j++) {
        v[j] = Float.intBitsToFloat((in.readShort() & 0xFFFF) << 16);
      }
      known.put(key, v);
    }
    return new SentenceVectors(known);
  }
}
