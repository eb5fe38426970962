package io.rowspace.engine.nn;

import java.util.Locale;

/**
 * Which implementation runs a trained model's forward pass at inference: the plain Java pass
 * ({@link TransformerInference}, {@link FloatKernels}), the default, or the PyTorch pass training
 * uses. Both compute the same function (to float rounding); the system property
 * {@code rowspace.inference} ({@code java} or {@code pytorch}) chooses, read at every call so a
 * benchmark can compare the two in one process.
 */
public enum InferencePath {
  /** Plain Java over float arrays, weights prepared once per loaded model. */
  JAVA,
  /** PyTorch through DJL, as in training. */
  PYTORCH;

  /** The system property that chooses the path. */
  public static final String PROPERTY = "rowspace.inference";

  /** The path chosen now: {@link #PYTORCH} when the property says {@code pytorch}, else JAVA. */
  public static InferencePath current() {
    String v = System.getProperty(PROPERTY, "java");
    return v.trim().toLowerCase(Locale.ROOT).equals("pytorch") ? PYTORCH : JAVA;
  }
}
