package io.rowspace.bench;

import static io.rowspace.bench.Measurements.processCpuNanos;

import io.rowspace.engine.EngineRuntime;
import io.rowspace.engine.data.Frame;
import io.rowspace.engine.space.EmbeddingSpace;
import io.rowspace.engine.space.EpochRecord;
import io.rowspace.engine.space.SpaceOptions;
import io.rowspace.engine.space.TrainingMonitor;
import io.rowspace.engine.space.train.SpaceTrainer;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The cost of training one embedding space on a shared data set at a given number of rows, in
 * the engine (no SQL): the validation loss after every epoch with the optimiser steps taken so
 * far and the process's CPU seconds, then the totals and the peaks of heap and resident memory.
 * One size per process, so that the resident peak is this size's.
 *
 * <pre>
 * java -cp CLASSPATH io.rowspace.bench.SpaceTrainingBenchmark [--data datasets/diamonds]
 *     [--rows 20000] [--threads n] [--option name=value ...]
 * </pre>
 *
 * <p>{@code --threads} fixes PyTorch's intra-op threads (default: one per core), so that the CPU
 * a training costs can be compared at one thread and at two.
 *
 * <p>More rows than the set holds are made by repeating its rows, each repetition after the first
 * with every number multiplied by {@code 1 + 0.01 g} for a Gaussian {@code g} drawn from a
 * generator of seed 7 (integers rounded), so that no two copies are identical; categories are
 * kept. Fewer rows are the set's rows at an even stride.
 */
public final class SpaceTrainingBenchmark {
  private SpaceTrainingBenchmark() {}

  public static void main(String[] args) throws IOException {
    if (System.getProperty("ai.djl.offline") == null) {
      System.setProperty("ai.djl.offline", "true");
    }
    Path data = Path.of("datasets/diamonds");
    int rows = 20_000;
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--data" -> data = Path.of(args[++i]);
        case "--rows" -> rows = Integer.parseInt(args[++i]);
        case "--threads" -> EngineRuntime.configure(Integer.parseInt(args[++i]), "cpu");
        case "--option" -> {
          String[] kv = args[++i].split("=", 2);
          options.put(kv[0], kv[1]);
        }
        default -> {
          System.err.println("usage: SpaceTrainingBenchmark [--data datasets/diamonds] "
              + "[--rows 20000] [--threads n] [--option name=value ...]");
          System.exit(2);
        }
      }
    }
    SharedDataset set = SharedDataset.read(data);
    Frame training = sized(PredictSpeedBenchmark.load(set), rows);
    long cpu0 = processCpuNanos();
    long wall0 = System.nanoTime();
    List<String> epochs = new ArrayList<>();
    TrainingMonitor monitor = new TrainingMonitor() {
      @Override
      public void progress(String phase, int step, int totalSteps, String message) {}

      @Override
      public void epoch(EpochRecord record) {
        String line = String.format(Locale.ROOT, "epoch %d: validation loss %.4f, train loss "
            + "%.4f, %.1f CPU-s", record.epoch(), record.validationLoss(), record.trainLoss(),
            (processCpuNanos() - cpu0) / 1e9);
        epochs.add(line);
        System.err.println(line);
      }

      @Override
      public void warning(String message) {
        System.err.println("warning: " + message);
      }
    };
    try (MemoryPeaks peaks = MemoryPeaks.start();
        EmbeddingSpace space = SpaceTrainer.train(training, Map.of(),
            SpaceOptions.fromMap(options), monitor)) {
      double cpu = (processCpuNanos() - cpu0) / 1e9;
      double wall = (System.nanoTime() - wall0) / 1e9;
      System.out.printf(Locale.ROOT, "%s, %,d rows, options %s: d_model %d, %d layers, %d epochs "
          + "run (%s), final validation loss %.4f; %.1f CPU-s, %.1f wall-s; heap peak %.0f MB, "
          + "resident peak %.0f MB, %d torch threads; fingerprint %s%n", set.name(), training.rowCount(),
          space.options(),
          space.dModel(), space.layers(), space.epochs(), space.options().get("epochs"),
          space.finalValidationLoss(), cpu, wall, peaks.heapPeakBytes() / 1e6,
          MemoryPeaks.residentPeakBytes() / 1e6, EngineRuntime.threads(), space.fingerprint());
    }
  }

  /** The set's rows at an even stride, or repeated with a jitter of the numbers (above). */
  static Frame sized(Frame all, int rows) {
    int n = all.rowCount();
    if (rows <= n) {
      int[] index = new int[rows];
      for (int i = 0; i < rows; i++) {
        index[i] = (int) ((long) i * n / rows);
      }
      return all.rows(index);
    }
    Random random = new Random(7);
    List<Object[]> out = new ArrayList<>(rows);
    for (int i = 0; i < rows; i++) {
      int r = i % n;
      Object[] row = new Object[all.columnCount()];
      for (int c = 0; c < row.length; c++) {
        Object v = all.value(r, c);
        if (i >= n && v instanceof Number x) {
          double jittered = x.doubleValue() * (1 + 0.01 * random.nextGaussian());
          v = all.columns().get(c).jdbcType() == Types.INTEGER
              ? (Object) (int) Math.round(jittered) : (Object) jittered;
        }
        row[c] = v;
      }
      out.add(row);
    }
    return Frame.ofRows(all.columns(), out);
  }

}
