package io.rowspace.bench;

import io.rowspace.engine.data.ColumnSchema;
import io.rowspace.engine.data.Frame;
import io.rowspace.engine.space.EmbeddingSpace;
import io.rowspace.engine.space.EpochRecord;
import io.rowspace.engine.space.SpaceOptions;
import io.rowspace.engine.space.SpaceTrainer;
import io.rowspace.engine.space.TrainingMonitor;

import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How linearly an embedding space separates 26 classes it was never told about: the linear-probe
 * benchmark of issue 3. It generates a letter-recognition data set ({@link GlyphLetters}: 20,000
 * rows, 16 integer features and the letter, seeded), builds a space with default options over the
 * 16,000 training rows, fits a multinomial logistic regression ({@link SoftmaxProbe}) on the
 * training rows' embeddings and reports its accuracy on the 4,000 held-out rows, beside the same
 * probe on the 16 raw features, with the space's build time and the process's peak memory.
 *
 * <p>Two spaces, as {@code --space} chooses (default both, one after the other):
 * <ul>
 *   <li>{@code features}: over the 16 features only; the letter is never seen, so the probe
 *       measures what unsupervised training found;
 *   <li>{@code table}: over all 17 columns, the letter included, as a user's table would be; rows
 *       are embedded with the letter masked, as a predictor embeds them, so the probe sees only
 *       what the other columns say about it.
 * </ul>
 *
 * <pre>
 * java -cp ... io.rowspace.bench.LinearProbeBenchmark [--space features|table|both] [--seed 7]
 * </pre>
 */
public final class LinearProbeBenchmark {
  private static final int TRAINING_ROWS = 16_000;
  private static final int HELD_OUT_ROWS = 4_000;
  private static final int CLASSES = 26;
  private static final double L2 = 1e-4;
  private static final int ITERATIONS = 400;

  private LinearProbeBenchmark() {}

  public static void main(String[] args) {
    String which = "both";
    long seed = 7;
    Map<String, String> spaceOptions = new java.util.LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--space" -> which = args[++i];
        case "--seed" -> seed = Long.parseLong(args[++i]);
        case "--space-options" -> {
          for (String option : args[++i].split(",")) {
            String[] kv = option.split("=", 2);
            spaceOptions.put(kv[0].strip(), kv.length > 1 ? kv[1].strip() : "");
          }
        }
        default -> {
          System.err.println("Unknown argument '" + args[i] + "'. Usage: LinearProbeBenchmark "
              + "[--space features|table|both] [--seed N] [--space-options 'k = v, ...']");
          System.exit(2);
        }
      }
    }
    if (!List.of("features", "table", "both").contains(which)) {
      System.err.println("--space must be features, table or both, got '" + which + "'.");
      System.exit(2);
    }
    GlyphLetters.Rows rows = GlyphLetters.generate(TRAINING_ROWS + HELD_OUT_ROWS, seed);
    double[][] rawTraining = java.util.Arrays.copyOfRange(rows.features(), 0, TRAINING_ROWS);
    int[][] nibbles = GlyphLetters.scaleToNibbles(rows.features(), rawTraining);
    int[] letters = rows.letters();
    double[][] features = new double[nibbles.length][GlyphLetters.FEATURES];
    for (int i = 0; i < nibbles.length; i++) {
      for (int j = 0; j < GlyphLetters.FEATURES; j++) {
        features[i][j] = nibbles[i][j];
      }
    }
    int[] trainingLetters = java.util.Arrays.copyOfRange(letters, 0, TRAINING_ROWS);
    int[] heldOutLetters = java.util.Arrays.copyOfRange(letters, TRAINING_ROWS, letters.length);
    long t0 = System.nanoTime();
    SoftmaxProbe raw = SoftmaxProbe.fit(java.util.Arrays.copyOfRange(features, 0, TRAINING_ROWS),
        trainingLetters, CLASSES, L2, ITERATIONS);
    double rawAccuracy = raw.accuracy(
        java.util.Arrays.copyOfRange(features, TRAINING_ROWS, features.length), heldOutLetters);
    System.err.printf(Locale.ROOT, "probe on the raw features: %.4f (%.1f s)%n", rawAccuracy,
        (System.nanoTime() - t0) / 1e9);
    System.out.println("| space | columns | rows | epochs | build s | peak heap | peak RSS "
        + "| probe on embedding | probe on raw features | load average |");
    System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|");
    for (String space : which.equals("both") ? List.of("features", "table") : List.of(which)) {
      boolean withLetter = space.equals("table");
      Frame training = frame(nibbles, letters, 0, TRAINING_ROWS, withLetter);
      Frame all = frame(nibbles, letters, 0, letters.length, withLetter);
      long started = System.nanoTime();
      EmbeddingSpace built;
      long heapPeak;
      try (MemoryPeaks peaks = MemoryPeaks.start()) {
        built = SpaceTrainer.train(training, Map.of(), SpaceOptions.fromMap(spaceOptions),
            progress());
        heapPeak = peaks.heapPeakBytes();
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      long rss = MemoryPeaks.residentPeakBytes();
      try (EmbeddingSpace s = built) {
        float[][] embedded = s.embed(all, withLetter ? Set.of("LETTER") : Set.of());
        double[][] z = new double[embedded.length][];
        for (int i = 0; i < embedded.length; i++) {
          z[i] = new double[embedded[i].length];
          for (int j = 0; j < z[i].length; j++) {
            z[i][j] = embedded[i][j];
          }
        }
        SoftmaxProbe probe = SoftmaxProbe.fit(java.util.Arrays.copyOfRange(z, 0, TRAINING_ROWS),
            trainingLetters, CLASSES, L2, ITERATIONS);
        double accuracy = probe.accuracy(
            java.util.Arrays.copyOfRange(z, TRAINING_ROWS, z.length), heldOutLetters);
        System.out.printf(Locale.ROOT, "| %s | %d | %,d | %d | %.1f | %.2f GiB | %.2f GiB | %.4f "
                + "| %.4f | %s |%n", space, training.columnCount(), TRAINING_ROWS,
            s.timeline().size(), seconds, heapPeak / 1073741824.0, rss / 1073741824.0, accuracy,
            rawAccuracy, MemoryPeaks.loadAverage());
        System.out.flush();
      }
    }
  }

  /** Rows {@code from..to} as a frame: the 16 features as integers, and the letter if asked. */
  private static Frame frame(int[][] nibbles, int[] letters, int from, int to,
      boolean withLetter) {
    List<ColumnSchema> schema = new ArrayList<>();
    for (String name : GlyphLetters.NAMES) {
      schema.add(new ColumnSchema(name.toUpperCase(Locale.ROOT), Types.INTEGER, "INTEGER"));
    }
    if (withLetter) {
      schema.add(new ColumnSchema("LETTER", Types.VARCHAR, "VARCHAR"));
    }
    List<Object[]> rows = new ArrayList<>(to - from);
    for (int i = from; i < to; i++) {
      Object[] row = new Object[schema.size()];
      for (int j = 0; j < GlyphLetters.FEATURES; j++) {
        row[j] = nibbles[i][j];
      }
      if (withLetter) {
        row[GlyphLetters.FEATURES] = String.valueOf((char) ('A' + letters[i]));
      }
      rows.add(row);
    }
    return Frame.ofRows(schema, rows);
  }

  /** Prints each epoch of training on standard error. */
  private static TrainingMonitor progress() {
    return new TrainingMonitor() {
      @Override
      public void progress(String phase, int step, int totalSteps, String message) {}

      @Override
      public void epoch(EpochRecord r) {
        System.err.printf(Locale.ROOT, "epoch %d: train %.4f, validation %.4f, temperature %.3f, "
                + "mean cosine %.3f, effective rank %.1f [%s] %s %s%n", r.epoch(), r.trainLoss(),
            r.validationLoss(), r.temperature(), r.meanCosine(), r.effectiveRank(),
            r.objectiveWeights(), r.failures(), r.actions());
      }

      @Override
      public void warning(String message) {
        System.err.println("warning: " + message);
      }
    };
  }
}
