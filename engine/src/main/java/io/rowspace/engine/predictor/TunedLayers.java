package io.rowspace.engine.predictor;

import io.rowspace.engine.nn.ParameterLayout;
import io.rowspace.engine.space.EmbeddingSpace;
import io.rowspace.engine.store.ModelFile;
import io.rowspace.error.ErrorCode;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The transformer layers of an embedding space that a predictor fine-tuned (option
 * {@code fine_tune}), with their tuned weights. They are saved with the predictor, which embeds
 * rows with its own copy of the space whose layers are replaced by these ({@link #applyTo}); the
 * stored space itself never changes, so other predictors and {@code SIMILAR_ROWS} keep seeing it.
 *
 * @param layers the tuned layers' indexes, 0 nearest the inputs
 * @param weights the tuned weights by name (as in the space's layout), in layout order
 */
public record TunedLayers(List<Integer> layers, Map<String, float[]> weights) {

  public TunedLayers {
    layers = List.copyOf(layers);
    weights = Collections.unmodifiableMap(new LinkedHashMap<>(weights));
  }

  /** The named weights of {@code layers} taken from a full flat weight vector of the space. */
  public static TunedLayers of(List<Integer> layers, ParameterLayout layout, float[] flat) {
    Map<String, float[]> weights = new LinkedHashMap<>();
    for (String name : layout.names()) {
      for (int layer : layers) {
        if (name.startsWith(EmbeddingSpace.layerPrefix(layer))) {
          int from = Math.toIntExact(layout.offset(name));
          int to = from + Math.toIntExact(layout.size(name));
          weights.put(name, java.util.Arrays.copyOfRange(flat, from, to));
        }
      }
    }
    return new TunedLayers(layers, weights);
  }

  /** The layers as option text, e.g. {@code 1} or {@code 0,1}. */
  String describe() {
    return describe(layers);
  }

  /** Layer indexes as option text, e.g. {@code 1} or {@code 0,1}. */
  public static String describe(List<Integer> layers) {
    List<String> names = new ArrayList<>();
    for (int layer : layers) {
      names.add(Integer.toString(layer));
    }
    return String.join(",", names);
  }

  /**
   * A copy of {@code base} with these layers' weights: the space the predictor embeds rows with.
   * The caller closes it.
   */
  EmbeddingSpace applyTo(EmbeddingSpace base) {
    ParameterLayout layout = base.parameterLayout();
    float[] flat = base.weights();
    for (Map.Entry<String, float[]> e : weights.entrySet()) {
      if (!layout.names().contains(e.getKey())
          || layout.size(e.getKey()) != e.getValue().length) {
        throw ErrorCode.TUNED_WEIGHT_SHAPE.failure(e.getKey());
      }
      System.arraycopy(e.getValue(), 0, flat, Math.toIntExact(layout.offset(e.getKey())),
          e.getValue().length);
    }
    return base.withWeights(flat);
  }

  public void write(DataOutput out) throws IOException {
    out.writeInt(layers.size());
    for (int layer : layers) {
      out.writeInt(layer);
    }
    out.writeInt(weights.size());
    for (Map.Entry<String, float[]> e : weights.entrySet()) {
      ModelFile.writeText(out, e.getKey());
      ModelFile.writeFloats(out, e.getValue());
    }
  }

  public static TunedLayers read(DataInput in) throws IOException {
    int n = in.readInt();
    if (n < 1 || n > 64) {
      throw new IOException("invalid count of tuned layers " + n);
    }
    List<Integer> layers = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int layer = in.readInt();
      if (layer < 0 || layer >= 64) {
        throw new IOException("invalid tuned layer " + layer);
      }
      layers.add(layer);
    }
    int w = in.readInt();
    if (w < 1 || w > 100_000) {
      throw new IOException("invalid count of tuned weights " + w);
    }
    Map<String, float[]> weights = new LinkedHashMap<>();
    for (int i = 0; i < w; i++) {
      weights.put(ModelFile.readText(in), ModelFile.readFloats(in));
    }
    return new TunedLayers(layers, weights);
  }
}
