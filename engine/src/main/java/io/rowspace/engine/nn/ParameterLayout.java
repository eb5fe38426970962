package io.rowspace.engine.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Where each named weight lives in one flat parameter vector, and how it is initialised. Keeping
 * all weights of a model in one vector makes the optimiser a handful of native calls per step and
 * saving a matter of writing one float array.
 */
public final class ParameterLayout {
  /** How a weight starts out. */
  public enum Init {
    /** All zeros (biases, layer-norm shifts). */
    ZEROS,
    /** All ones (layer-norm gains). */
    ONES,
    /** Normal with the entry's standard deviation. */
    NORMAL
  }

  private record Entry(Shape shape, long offset, Init init, double std, boolean decay) {}

  private final Map<String, Entry> entries = new LinkedHashMap<>();
  private long size;

  /** Adds a weight; {@code decay} says whether weight decay applies to it. */
  public ParameterLayout add(String name, Shape shape, Init init, double std, boolean decay) {
    if (entries.containsKey(name)) {
      throw new IllegalArgumentException("Duplicate parameter '" + name + "'.");
    }
    entries.put(name, new Entry(shape, size, init, std, decay));
    size += shape.size();
    return this;
  }

  public long size() {
    return size;
  }

  /** The weights' names, in layout order. */
  public java.util.List<String> names() {
    return java.util.List.copyOf(entries.keySet());
  }

  /** Where the named weight starts in the flat vector. */
  public long offset(String name) {
    return entry(name).offset;
  }

  /** How many values the named weight has. */
  public long size(String name) {
    return entry(name).shape.size();
  }

  private Entry entry(String name) {
    Entry e = entries.get(name);
    if (e == null) {
      throw new IllegalArgumentException("No parameter '" + name + "' in this layout.");
    }
    return e;
  }

  /** Fresh initial values drawn from the given generator, in layout order. */
  public float[] initialise(Random random) {
    float[] values = new float[Math.toIntExact(size)];
    for (Entry e : entries.values()) {
      int from = (int) e.offset;
      int to = from + (int) e.shape.size();
      for (int i = from; i < to; i++) {
        values[i] = switch (e.init) {
          case ZEROS -> 0f;
          case ONES -> 1f;
          case NORMAL -> (float) (random.nextGaussian() * e.std);
        };
      }
    }
    return values;
  }

  /** 1 where weight decay applies, 0 elsewhere. */
  public float[] decayMask() {
    float[] mask = new float[Math.toIntExact(size)];
    for (Entry e : entries.values()) {
      if (e.decay) {
        java.util.Arrays.fill(mask, (int) e.offset, (int) (e.offset + e.shape.size()), 1f);
      }
    }
    return mask;
  }

  /**
   * Views of every weight as slices of the flat vector, owned by {@code scope}. Slicing inside a
   * gradient collector keeps the views on the autograd tape, so gradients land in the flat vector.
   */
  public Map<String, NDArray> views(NDArray flat, NDManager scope) {
    Map<String, NDArray> views = new HashMap<>();
    for (Map.Entry<String, Entry> me : entries.entrySet()) {
      Entry e = me.getValue();
      NDArray slice = flat.get(scope, new NDIndex().addSliceDim(e.offset, e.offset + e.shape.size()));
      views.put(me.getKey(), slice.reshape(e.shape));
    }
    return Collections.unmodifiableMap(views);
  }

  /**
   * Views of every weight of {@code models} models at once, whose flat vectors are the rows of
   * {@code stacked} (models x {@link #size()}), owned by {@code scope}: each weight gets a leading
   * model dimension, and a vector (a bias) becomes (models, 1, n), so that a forward pass written
   * for one model, {@code x.matMul(w).add(b)} on x of (B, in), runs every model on its own rows,
   * x of (models, B, in), as one batched computation. On the tape like {@link #views}.
   */
  public Map<String, NDArray> stackedViews(NDArray stacked, NDManager scope) {
    long models = stacked.getShape().get(0);
    Map<String, NDArray> views = new HashMap<>();
    for (Map.Entry<String, Entry> me : entries.entrySet()) {
      Entry e = me.getValue();
      NDArray slice = stacked.get(scope, new NDIndex().addAllDim()
          .addSliceDim(e.offset, e.offset + e.shape.size()));
      Shape shape = e.shape.dimension() == 1 ? new Shape(models, 1, e.shape.size())
          : new Shape(models).addAll(e.shape);
      views.put(me.getKey(), slice.reshape(shape));
    }
    return Collections.unmodifiableMap(views);
  }
}
