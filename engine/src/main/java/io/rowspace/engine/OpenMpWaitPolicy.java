package io.rowspace.engine;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * Lets PyTorch's idle OpenMP threads sleep instead of spinning, unless the user chose otherwise.
 *
 * <p>Why: the transformer's tensors are small (11 tokens of 48 values, a few hundred rows), so
 * every operation is a short parallel region, and libgomp's default keeps each waiting thread
 * spinning at the region's barrier. On an idle machine that buys little; on a busy one the
 * spinning thread holds a core the other thread needs, and measured on 2 loaded cores a space that
 * one thread trains in 35 s did not finish in 400 s with two. With {@code OMP_WAIT_POLICY=PASSIVE}
 * the two threads took 34 s (docs/benchmarks.md, session 13). The policy changes only how threads
 * wait, never how work is split, so models are the same bits either way.
 *
 * <p>libgomp reads the variable once, when the native library loads, and Java cannot change its
 * own environment; so the variable is set through the C library (JNA, which DJL already brings)
 * before the engine loads. An {@code OMP_WAIT_POLICY} already in the environment wins. On Windows
 * PyTorch does not use libgomp and nothing is set.
 */
final class OpenMpWaitPolicy {
  static final String VARIABLE = "OMP_WAIT_POLICY";
  static final String PASSIVE = "PASSIVE";

  /** The two functions of the C library used here. */
  interface CLibrary extends Library {
    int setenv(String name, String value, int overwrite);

    String getenv(String name);
  }

  private OpenMpWaitPolicy() {}

  /**
   * Sets {@code OMP_WAIT_POLICY=PASSIVE} in the process environment unless it is set already.
   * Call before the native engine loads.
   *
   * @return the policy the native library will read; null where none applies (Windows) or where
   *     the C library could not be reached, in which case OpenMP keeps its default and only the
   *     speed on a busy machine suffers
   */
  static String applyDefault() {
    if (Platform.isWindows()) {
      return null;
    }
    try {
      CLibrary c = Native.load(Platform.C_LIBRARY_NAME, CLibrary.class);
      String chosen = c.getenv(VARIABLE);
      if (chosen == null || chosen.isBlank()) {
        c.setenv(VARIABLE, PASSIVE, 0);
      }
      return c.getenv(VARIABLE);
    } catch (LinkageError e) {
      return null;
    }
  }
}
