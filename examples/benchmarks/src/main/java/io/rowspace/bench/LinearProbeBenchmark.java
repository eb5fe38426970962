package io.rowspace.bench;

import io.rowspace.engine.data.ColumnSchema;
import io.rowspace.engine.data.Frame;
import io.rowspace.engine.space.EmbeddingSpace;
import io.rowspace.engine.space.EpochRecord;
import io.rowspace.engine.space.SpaceOptions;
import io.rowspace.engine.space.train.SpaceTrainer;
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
 * probe on the 16 raw features, with the space's build time and the process's peak memory. To
 * show how hard the data set is, it also gives the nearest neighbour's and XGBoost's accuracy on
 * the raw features.
 *
 * <p>Two spaces, as {@code --space} chooses (default both, one after the other):
 * <ul>
 *   <li>{@code features}: over the 16 features only; the letter is never seen, so the probe
 *       measures what unsupervised training found;
 *   <li>{@code table}: over all 17 columns, the letter included, as a user's table would be; rows
 *       are embedded with the letter masked, as a predictor embeds them, so the probe sees only
 *       what the other columns say about it. The probe is also fitted on the rows embedded with
 *       the letter visible, as {@code TABLE(EMBEDDINGS('space'))} gives them.
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
    double[][] features = GlyphLetters.asDoubles(nibbles);
    int[] trainingLetters = java.util.Arrays.copyOfRange(letters, 0, TRAINING_ROWS);
    int[] heldOutLetters = java.util.Arrays.copyOfRange(letters, TRAINING_ROWS, letters.length);
    long t0 = System.nanoTime();
    double rawAccuracy = probeAccuracy(features, trainingLetters, heldOutLetters);
    System.err.printf(Locale.ROOT, "probe on the raw features: %.4f (%.1f s)%n", rawAccuracy,
        (System.nanoTime() - t0) / 1e9);
    double nearest = nearestNeighbourAccuracy(features, letters, TRAINING_ROWS);
    double trees = boostedTreesAccuracy(features, letters);
    System.err.printf(Locale.ROOT, "on the raw features, nearest neighbour: %.4f, XGBoost: %.4f%n",
        nearest, trees);
    System.out.println("| space | columns | rows | d_model | epochs | build s | peak heap "
        + "| peak RSS | probe on embedding | probe, letter visible | probe on raw features "
        + "| 1-NN on raw features | XGBoost on raw features | load average |");
    System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
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
        double accuracy = probeAccuracy(s.embed(all, withLetter ? Set.of("LETTER") : Set.of()),
            trainingLetters, heldOutLetters);
        String visible = withLetter
            ? String.format(Locale.ROOT, "%.4f", probeAccuracy(s.embed(all, Set.of()),
                trainingLetters, heldOutLetters))
            : "—";
        System.out.printf(Locale.ROOT, "| %s | %d | %,d | %d | %d | %.1f | %.2f GiB | %.2f GiB "
                + "| %.4f | %s | %.4f | %.4f | %.4f | %s |%n", space, training.columnCount(),
            TRAINING_ROWS, s.dModel(), s.timeline().size(), seconds, heapPeak / 1073741824.0,
            rss / 1073741824.0, accuracy, visible, rawAccuracy, nearest, trees,
            MemoryPeaks.loadAverage());
        System.out.flush();
      }
    }
  }

  /** Held-out accuracy of the linear probe fitted on the training rows' embeddings. */
  private static double probeAccuracy(float[][] embedded, int[] trainingLetters,
      int[] heldOutLetters) {
    double[][] z = new double[embedded.length][];
    for (int i = 0; i < embedded.length; i++) {
      z[i] = new double[embedded[i].length];
      for (int j = 0; j < z[i].length; j++) {
        z[i][j] = embedded[i][j];
      }
    }
    return probeAccuracy(z, trainingLetters, heldOutLetters);
  }

  /** Held-out accuracy of the linear probe fitted on the training rows' inputs. */
  private static double probeAccuracy(double[][] z, int[] trainingLetters,
      int[] heldOutLetters) {
    SoftmaxProbe probe = SoftmaxProbe.fit(java.util.Arrays.copyOfRange(z, 0, TRAINING_ROWS),
        trainingLetters, CLASSES, L2, ITERATIONS);
    return probe.accuracy(java.util.Arrays.copyOfRange(z, TRAINING_ROWS, z.length),
        heldOutLetters);
  }

  /**
   * Accuracy on the rows after the first {@code trainingRows} of the nearest of those training
   * rows (squared Euclidean distance, ties to the earlier row): how far the data set's classes
   * are local clusters.
   */
  static double nearestNeighbourAccuracy(double[][] features, int[] letters, int trainingRows) {
    int correct = 0;
    for (int i = trainingRows; i < features.length; i++) {
      double best = Double.POSITIVE_INFINITY;
      int letter = -1;
      for (int j = 0; j < trainingRows; j++) {
        double distance = 0;
        for (int k = 0; k < features[i].length; k++) {
          double difference = features[i][k] - features[j][k];
          distance += difference * difference;
        }
        if (distance < best) {
          best = distance;
          letter = letters[j];
        }
      }
      if (letter == letters[i]) {
        correct++;
      }
    }
    return correct / (double) (features.length - trainingRows);
  }

  /** Held-out accuracy of the XGBoost baseline ({@link GradientBoostedTrees}) on the nibbles. */
  private static double boostedTreesAccuracy(double[][] features, int[] letters) {
    int width = GlyphLetters.FEATURES;
    int heldOut = features.length - TRAINING_ROWS;
    float[] training = new float[TRAINING_ROWS * width];
    float[] test = new float[heldOut * width];
    float[] labels = new float[TRAINING_ROWS];
    for (int i = 0; i < features.length; i++) {
      for (int k = 0; k < width; k++) {
        if (i < TRAINING_ROWS) {
          training[i * width + k] = (float) features[i][k];
        } else {
          test[(i - TRAINING_ROWS) * width + k] = (float) features[i][k];
        }
      }
      if (i < TRAINING_ROWS) {
        labels[i] = letters[i];
      }
    }
    float[][] probabilities;
    try {
      probabilities = GradientBoostedTrees.trainAndPredict(Task.MULTICLASS, CLASSES, training,
          TRAINING_ROWS, width, labels, test, heldOut).outputs();
    } catch (ml.dmlc.xgboost4j.java.XGBoostError e) {
      throw new IllegalStateException("XGBoost failed on the letters: " + e.getMessage(), e);
    }
    int correct = 0;
    for (int i = 0; i < heldOut; i++) {
      if (DatasetRun.argMax(probabilities[i]) == letters[TRAINING_ROWS + i]) {
        correct++;
      }
    }
    return correct / (double) heldOut;
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
