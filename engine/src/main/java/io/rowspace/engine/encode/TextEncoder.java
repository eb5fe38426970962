package io.rowspace.engine.encode;

import io.rowspace.engine.profile.ValueKind;
import io.rowspace.engine.profile.ValueParser;
import io.rowspace.engine.store.ModelFile;
import io.rowspace.engine.text.SentenceModel;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Encodes a free-text column (descriptions, notes, titles) by its meaning: a present text's token
 * is its sentence vector (see {@link SentenceVectors}), projected to the model's width, plus two
 * standardised features, the log of its length in characters and in words. Slot 0 is the learned
 * "missing" embedding; slot 1, a learned "some text" embedding, stands in for the sentence vector
 * of texts that have none (beyond the values embedded at creation, or when the sentence model
 * cannot run).
 */
public final class TextEncoder extends ColumnEncoder {
  private final SentenceVectors sentences;
  private final double[] mean;
  private final double[] std;

  private TextEncoder(String name, SentenceVectors sentences, double[] mean, double[] std) {
    super(name, ValueKind.TEXT);
    this.sentences = sentences;
    this.mean = mean;
    this.std = std;
  }

  static TextEncoder fit(String name, Object[] values, SentenceModel model) {
    Map<String, Integer> counts = new HashMap<>();
    double[] sum = new double[2];
    double[] squares = new double[2];
    int n = 0;
    for (Object v : values) {
      String key = ValueParser.isMissing(v, ValueKind.TEXT) ? null
          : ValueParser.key(v, ValueKind.TEXT);
      if (key == null) {
        continue;
      }
      counts.merge(key, 1, Integer::sum);
      double[] f = shape(key);
      for (int j = 0; j < 2; j++) {
        sum[j] += f[j];
        squares[j] += f[j] * f[j];
      }
      n++;
    }
    double[] mean = new double[2];
    double[] std = new double[2];
    for (int j = 0; j < 2; j++) {
      mean[j] = sum[j] / Math.max(1, n);
      double s = Math.sqrt(Math.max(0, squares[j] / Math.max(1, n) - mean[j] * mean[j]));
      std[j] = s > 0 ? s : 1;
    }
    SentenceVectors sentences = null;
    if (model != null) {
      List<Map.Entry<String, Integer>> entries = new ArrayList<>(counts.entrySet());
      entries.sort(Comparator.<Map.Entry<String, Integer>>comparingInt(e -> -e.getValue())
          .thenComparing(Map.Entry::getKey));
      List<String> byFrequency = new ArrayList<>(entries.size());
      for (Map.Entry<String, Integer> e : entries) {
        byFrequency.add(e.getKey());
      }
      sentences = SentenceVectors.compute(byFrequency, model);
    }
    return new TextEncoder(name, sentences, mean, std);
  }

  /** Log of the length in characters and in words. */
  private static double[] shape(String text) {
    String t = text.strip();
    int words = t.isEmpty() ? 0 : t.split("\\s+").length;
    return new double[] {Math.log1p(t.length()), Math.log1p(words)};
  }

  /**
   * A same-value key of a text: equal for equal texts, negative (so never a slot number) and
   * exactly representable as a float.
   */
  static float textKey(String text) {
    return -1f - (text.hashCode() & 0xFFFFFF);
  }

  @Override
  public int vocabularySize() {
    return 2;
  }

  @Override
  public SentenceVectors sentences() {
    return sentences;
  }

  @Override
  byte sentenceUse(int slot) {
    return sentences == null || slot <= 0 ? SentenceCells.NONE : SentenceCells.ALONE;
  }

  @Override
  int encode(Object value, int[] slots, float[] features) {
    if (isMissing(value)) {
      return single(0, slots);
    }
    String key = ValueParser.key(value, ValueKind.TEXT);
    if (key == null) {
      return -1;
    }
    double[] f = shape(key);
    for (int j = 0; j < 2; j++) {
      features[j] = (float) ((f[j] - mean[j]) / std[j]);
    }
    return single(1, slots);
  }

  @Override
  float sameValueKey(Object value, int slot) {
    return slot <= 0 ? MISSING_KEY : textKey(ValueParser.key(value, ValueKind.TEXT));
  }

  @Override
  void write(DataOutput out) throws IOException {
    out.writeByte(7);
    ModelFile.writeText(out, name());
    ModelFile.writeText(out, kind().name());
    for (int j = 0; j < 2; j++) {
      out.writeDouble(mean[j]);
      out.writeDouble(std[j]);
    }
    out.writeBoolean(sentences != null);
    if (sentences != null) {
      sentences.write(out);
    }
  }

  static TextEncoder read(String name, DataInput in) throws IOException {
    double[] mean = new double[2];
    double[] std = new double[2];
    for (int j = 0; j < 2; j++) {
      mean[j] = in.readDouble();
      std[j] = in.readDouble();
      if (!Double.isFinite(mean[j]) || !(std[j] > 0)) {
        throw new IOException("text encoder of '" + name + "' has invalid length statistics");
      }
    }
    SentenceVectors sentences = in.readBoolean() ? SentenceVectors.read(name, in) : null;
    return new TextEncoder(name, sentences, mean, std);
  }
}
