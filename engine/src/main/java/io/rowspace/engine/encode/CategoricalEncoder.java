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
 * Encodes a categorical or boolean column as a learned embedding per value. Slot 0 is "missing",
 * slot 1 is "other": values seen only once in training and values never seen, so that unseen
 * categories at inference have a trained representation.
 *
 * <p>With a semantic path, every value also has a sentence vector (see {@link SentenceVectors}):
 * a known value's token mixes its learned embedding with its projected sentence vector by the
 * column's learned gate, and a rare or unseen value's token is its projected sentence vector
 * alone, so "registered nurse" lands near "nurse" even if only "nurse" was seen in training.
 */
public final class CategoricalEncoder extends ColumnEncoder {
  static final int MAX_VALUES = 1000;

  private final List<String> values;
  private final Map<String, Integer> slots;
  private final SentenceVectors sentences;

  private CategoricalEncoder(String name, ValueKind kind, List<String> values,
      SentenceVectors sentences) {
    super(name, kind);
    this.values = List.copyOf(values);
    this.sentences = sentences;
    this.slots = new HashMap<>();
    for (int i = 0; i < values.size(); i++) {
      slots.put(values.get(i), i + 2);
    }
  }

  static CategoricalEncoder fit(String name, ValueKind kind, Object[] column,
      SentenceModel model) {
    Map<String, Integer> counts = new HashMap<>();
    for (Object v : column) {
      if (!ValueParser.isMissing(v, kind)) {
        String key = ValueParser.key(v, kind);
        if (key != null) {
          counts.merge(key, 1, Integer::sum);
        }
      }
    }
    List<Map.Entry<String, Integer>> entries = new ArrayList<>(counts.entrySet());
    entries.sort(Comparator.<Map.Entry<String, Integer>>comparingInt(e -> -e.getValue())
        .thenComparing(Map.Entry::getKey));
    int minCount = kind == ValueKind.BOOLEAN || counts.size() <= 20 ? 1 : 2;
    List<String> kept = new ArrayList<>();
    List<String> byFrequency = new ArrayList<>(entries.size());
    for (Map.Entry<String, Integer> e : entries) {
      if (e.getValue() >= minCount && kept.size() < MAX_VALUES) {
        kept.add(e.getKey());
      }
      byFrequency.add(e.getKey());
    }
    SentenceVectors sentences = model == null ? null
        : SentenceVectors.compute(byFrequency, model);
    return new CategoricalEncoder(name, kind, kept, sentences);
  }

  @Override
  public SentenceVectors sentences() {
    return sentences;
  }

  @Override
  byte sentenceUse(int slot) {
    if (sentences == null || slot <= 0) {
      return SentenceCells.NONE;
    }
    return slot == 1 ? SentenceCells.ALONE : SentenceCells.GATED;
  }

  /** The known values, most frequent first, as canonical keys. */
  public List<String> values() {
    return values;
  }

  @Override
  public int vocabularySize() {
    return values.size() + 2;
  }

  @Override
  int encode(Object value, int[] slotsOut, float[] features) {
    if (isMissing(value)) {
      return single(0, slotsOut);
    }
    String key = ValueParser.key(value, kind());
    if (key == null) {
      return -1;
    }
    Integer slot = slots.get(key);
    return single(slot == null ? 1 : slot, slotsOut);
  }

  @Override
  float sameValueKey(Object value, int slot) {
    if (slot <= 0) {
      return MISSING_KEY;
    }
    if (slot == 1 && sentences != null) {
      // Rare and unseen values are told apart by their sentence vectors: key them by value.
      return TextEncoder.textKey(ValueParser.key(value, kind()));
    }
    return slot;
  }

  @Override
  void write(DataOutput out) throws IOException {
    out.writeByte(sentences == null ? 2 : 6);
    ModelFile.writeText(out, name());
    ModelFile.writeText(out, kind().name());
    out.writeInt(values.size());
    for (String v : values) {
      ModelFile.writeText(out, v);
    }
    if (sentences != null) {
      sentences.write(out);
    }
  }

  /** Reads an encoder written with its sentence vectors (type 6). */
  static CategoricalEncoder readWithSentences(String name, ValueKind kind, DataInput in)
      throws IOException {
    CategoricalEncoder plain = read(name, kind, in);
    return new CategoricalEncoder(name, kind, plain.values, SentenceVectors.read(name, in));
  }

  static CategoricalEncoder read(String name, ValueKind kind, DataInput in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > MAX_VALUES) {
      throw new IOException("categorical encoder of '" + name + "' has " + n + " values");
    }
    List<String> values = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      values.add(ModelFile.readText(in));
    }
    return new CategoricalEncoder(name, kind, values, null);
  }
}
