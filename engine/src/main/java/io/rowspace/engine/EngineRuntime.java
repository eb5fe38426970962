package io.rowspace.engine;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import io.rowspace.error.ErrorCode;
import java.lang.ref.Cleaner;
import java.util.Locale;

/**
 * The process-wide PyTorch runtime: thread counts, device choice and offline mode, fixed once
 * before the native engine loads. Thread counts are part of what makes training reproducible,
 * so they cannot change after the first use.
 */
public final class EngineRuntime {
  private static final Object LOCK = new Object();
  /** Frees the native memory of models nobody references any more. */
  private static final Cleaner MODELS = Cleaner.create();
  private static volatile boolean started;
  private static int threads;
  private static String requestedDevice = "auto";
  private static String waitPolicy;
  private static Device device;

  private EngineRuntime() {}

  /**
   * Fixes the number of torch threads and the device. Call before the first use of the engine;
   * later calls are ignored (the first configuration wins), which keeps the call idempotent.
   *
   * @param threads intra-op threads for torch; 0 or less means one per available core
   * @param device {@code auto} (GPU when present), {@code cpu} or {@code gpu}
   */
  public static void configure(int threads, String device) {
    String d = device == null ? "auto" : device.trim().toLowerCase(Locale.ROOT);
    if (!d.equals("auto") && !d.equals("cpu") && !d.equals("gpu")) {
      throw ErrorCode.UNKNOWN_DEVICE.failure(device);
    }
    synchronized (LOCK) {
      if (started) {
        return;
      }
      EngineRuntime.threads = threads;
      EngineRuntime.requestedDevice = d;
      start();
    }
  }

  /** The device models run on: {@code cpu} or {@code gpu}. Starts the engine if needed. */
  public static String device() {
    return ensureStarted().isGpu() ? "gpu" : "cpu";
  }

  /** The number of intra-op torch threads in use. */
  public static int threads() {
    ensureStarted();
    return threads;
  }

  /**
   * How PyTorch's idle OpenMP threads wait, as the native library read it: {@code PASSIVE} unless
   * the environment chose otherwise, null where it does not apply (see {@link OpenMpWaitPolicy}).
   */
  public static String openMpWaitPolicy() {
    ensureStarted();
    return waitPolicy;
  }

  /**
   * A warning for the training monitor when this process cannot give reproducible models, else
   * null. The one known case is {@code OMP_DYNAMIC=true} in the environment: OpenMP (libgomp, as
   * bundled with PyTorch) then shrinks its thread teams when the machine's load average is high,
   * reductions are split into a different number of chunks and the last bits of a model change
   * with the load. OpenMP reads the variable when the native library loads, so Java cannot undo
   * it; unset (the default) and {@code false} are fine. {@code MKL_DYNAMIC} needs nothing: PyTorch
   * switches MKL's dynamic threads off itself.
   */
  public static String reproducibilityWarning() {
    return reproducibilityWarning(System.getenv("OMP_DYNAMIC"));
  }

  static String reproducibilityWarning(String ompDynamic) {
    if (ompDynamic == null || !ompDynamic.strip().equalsIgnoreCase("true")) {
      return null;
    }
    return "OMP_DYNAMIC=true is set in this process's environment: the math library may use "
        + "fewer threads when the machine is busy, and models trained with the same seed may then "
        + "differ in their last bits. Unset it or set it to false for reproducible models.";
  }

  /**
   * Closes a model's native memory when the model becomes unreachable, if it was not closed
   * before: a model replaced in a cache while queries still used it is freed once they are done.
   * The returned handle closes it at once (and only once).
   *
   * @param model the model object whose reachability counts
   * @param nativeMemory its manager; must not reference {@code model}
   */
  public static Cleaner.Cleanable closeWhenUnreachable(Object model, NDManager nativeMemory) {
    return MODELS.register(model, nativeMemory::close);
  }

  /** Starts the engine with default settings if nobody configured it, and returns the device. */
  public static Device ensureStarted() {
    if (!started) {
      synchronized (LOCK) {
        if (!started) {
          start();
        }
      }
    }
    return device;
  }

  private static void start() {
    if (threads <= 0) {
      threads = Math.max(1, Runtime.getRuntime().availableProcessors());
    }
    System.setProperty("ai.djl.offline", "true");
    // The sentence model's tokenizer brings DJL's Rust engine along; training is PyTorch's.
    System.setProperty("ai.djl.default_engine", "PyTorch");
    System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
    System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    waitPolicy = OpenMpWaitPolicy.applyDefault();
    Engine engine;
    try {
      engine = Engine.getEngine("PyTorch");
    } catch (RuntimeException | Error e) {
      throw ErrorCode.ENGINE_START.failure(e, e.getMessage());
    }
    int gpus = engine.getGpuCount();
    if (requestedDevice.equals("gpu") && gpus == 0) {
      throw ErrorCode.NO_GPU.failure();
    }
    device = !requestedDevice.equals("cpu") && gpus > 0 ? Device.gpu() : Device.cpu();
    started = true;
  }
}
