package io.rowspace.bench;

import static io.rowspace.bench.Measurements.median;
import static io.rowspace.bench.Measurements.processCpuNanos;

import io.rowspace.engine.data.ColumnSchema;
import io.rowspace.engine.data.Frame;
import io.rowspace.engine.nn.TokenOutputs;
import io.rowspace.engine.predictor.Predictor;
import io.rowspace.engine.predictor.PredictorOptions;
import io.rowspace.engine.predictor.TreeBlend;
import io.rowspace.engine.predictor.train.PredictorTrainer;
import io.rowspace.engine.space.EmbeddingSpace;
import io.rowspace.engine.space.SpaceOptions;
import io.rowspace.engine.space.TrainingMonitor;
import io.rowspace.engine.space.train.SpaceTrainer;
import io.rowspace.engine.store.PredictorFormat;
import io.rowspace.engine.store.SpaceFormat;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Prediction speed on a shared data set, in the engine (no SQL): a space and predictor of default
 * options against XGBoost predicting with trees of the predictor's own number and depth, in one
 * process, the two interleaved round by round, CPU time of the process beside wall time.
 * Batched: every row of the set predicted in one call; single row: one call per row. The rows are
 * typed JDBC values ({@code Double}, {@code Integer}, {@code String}), as queries pass them.
 *
 * <pre>
 * java -cp CLASSPATH io.rowspace.bench.PredictSpeedBenchmark [--data datasets/diamonds]
 *     [--train-rows 40000] [--runs 5] [--singles 500] [--models DIR] [--compare-head-tokens]
 * </pre>
 *
 * <p>With {@code --models DIR} the trained space and predictor are saved there, or loaded from
 * there when present, so another build of the engine (the code before a change) can be measured
 * on the same models in alternating processes; a folder holding a space alone gets a predictor
 * trained on it (another build's predictor on the same space). With {@code --compare-head-tokens} the same
 * predictor is also measured reading the space's last-layer token outputs (what predictors saved
 * before format 10 read: the whole last layer runs), interleaved in the same rounds, so the cost
 * of the last layer's tokens is measured on one model under one load.
 */
public final class PredictSpeedBenchmark {
  private PredictSpeedBenchmark() {}

  public static void main(String[] args) throws IOException, XGBoostError {
    if (System.getProperty("ai.djl.offline") == null) {
      System.setProperty("ai.djl.offline", "true");
    }
    Path data = Path.of("datasets/diamonds");
    int trainRows = 40_000;
    int runs = 5;
    int singles = 500;
    Path models = null;
    boolean compareHeadTokens = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--data" -> data = Path.of(args[++i]);
        case "--train-rows" -> trainRows = Integer.parseInt(args[++i]);
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--singles" -> singles = Integer.parseInt(args[++i]);
        case "--models" -> models = Path.of(args[++i]);
        case "--compare-head-tokens" -> compareHeadTokens = true;
        default -> {
          System.err.println("usage: PredictSpeedBenchmark [--data datasets/diamonds] "
              + "[--train-rows 40000] [--runs 5] [--singles 500] [--models DIR] "
              + "[--compare-head-tokens]");
          System.exit(2);
        }
      }
    }
    SharedDataset set = SharedDataset.read(data);
    Frame all = load(set);
    String target = set.target().toUpperCase(Locale.ROOT);
    int[] trainIndex = new int[Math.min(trainRows, all.rowCount())];
    for (int i = 0; i < trainIndex.length; i++) {
      trainIndex[i] = i * (all.rowCount() / trainIndex.length);
    }
    Frame training = all.rows(trainIndex);
    long cpu = processCpuNanos();
    EmbeddingSpace space;
    Predictor predictor;
    if (models != null && Files.exists(models.resolve("space.bin"))) {
      space = SpaceFormat.read(Files.readAllBytes(models.resolve("space.bin")));
    } else {
      space = SpaceTrainer.train(training, Map.of(), SpaceOptions.fromMap(Map.of()),
          TrainingMonitor.NONE);
    }
    if (models != null && Files.exists(models.resolve("predictor.bin"))) {
      predictor = PredictorFormat.read(Files.readAllBytes(models.resolve("predictor.bin")));
    } else {
      predictor = PredictorTrainer.train(space, training, target,
          PredictorOptions.fromMap(Map.of()), TrainingMonitor.NONE);
      if (models != null) {
        Files.createDirectories(models);
        Files.write(models.resolve("space.bin"), SpaceFormat.write(space));
        Files.write(models.resolve("predictor.bin"), PredictorFormat.write(predictor));
      }
    }
    System.err.printf(Locale.ROOT, "models ready in %.1f CPU-s: d_model %d, %d layers, shares %s, "
        + "options %s%n", (processCpuNanos() - cpu) / 1e9, space.dModel(), space.layers(),
        predictor.blendShares(), predictor.resolvedOptions());
    TreeBlend blend = predictor.blend();
    int rounds = blend == null || blend.trees() == null ? 100 : blend.trees().rounds();
    int depth = Integer.parseInt(predictor.resolvedOptions().getOrDefault("tree_depth", "6"));
    Booster booster = xgboost(all, training, target, rounds, depth);
    int n = all.rowCount();
    float[] matrix = numbers(all, target);
    int width = matrix.length / n;
    Frame[] singleRows = new Frame[singles];
    for (int i = 0; i < singles; i++) {
      singleRows[i] = all.rows(new int[] {(int) ((long) i * n / singles)});
    }
    Predictor lastLayer = compareHeadTokens
        ? predictor.toBuilder().setHeadTokens(TokenOutputs.LAST_LAYER).build() : null;
    int measures = compareHeadTokens ? 6 : 4;
    double[][] cpuPerRow = new double[measures][runs];
    double[][] wallPerRow = new double[measures][runs];
    String[] names = {"Rowspace batched", "XGBoost batched", "Rowspace one row", "XGBoost one row",
        "Rowspace batched, last-layer tokens", "Rowspace one row, last-layer tokens"};
    for (int run = -1; run < runs; run++) {
      for (int m = 0; m < measures; m++) {
        long c0 = processCpuNanos();
        long w0 = System.nanoTime();
        boolean batched = m == 0 || m == 1 || m == 4;
        int calls = batched ? n : singles;
        switch (m) {
          case 0 -> predictor.predict(space, all);
          case 1 -> predict(booster, matrix, n, width);
          case 2 -> {
            for (Frame one : singleRows) {
              predictor.predict(space, one);
            }
          }
          case 4 -> lastLayer.predict(space, all);
          case 5 -> {
            for (Frame one : singleRows) {
              lastLayer.predict(space, one);
            }
          }
          default -> {
            for (int i = 0; i < singles; i++) {
              int r = (int) ((long) i * n / singles);
              predict(booster, Arrays.copyOfRange(matrix, r * width, (r + 1) * width), 1, width);
            }
          }
        }
        double c = (processCpuNanos() - c0) / 1e9 / calls;
        double w = (System.nanoTime() - w0) / 1e9 / calls;
        if (run >= 0) {
          cpuPerRow[m][run] = c;
          wallPerRow[m][run] = w;
        }
        System.err.printf(Locale.ROOT, "%s%s: %.4f CPU ms, %.4f wall ms per %s%n", names[m],
            run < 0 ? " (warm-up)" : "", c * 1e3, w * 1e3, batched ? "row" : "call");
      }
    }
    StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
        "%s, %,d rows; predictor: %s, trees %d rounds of depth %d; d_model %d, %d layers%n"
        + "| measure | Rowspace | XGBoost (%d trees, depth %d) | ratio |%n|---|---:|---:|---:|%n",
        set.name(), n, predictor.blendShares(), rounds, depth, space.dModel(), space.layers(),
        rounds, depth));
    out.append(String.format(Locale.ROOT, "| batched, rows per CPU-second (median of %d) | %,.0f "
        + "| %,.0f | %.1f× |%n", runs, 1 / median(cpuPerRow[0]), 1 / median(cpuPerRow[1]),
        median(cpuPerRow[0]) / median(cpuPerRow[1])));
    out.append(String.format(Locale.ROOT, "| batched, rows per wall-second | %,.0f | %,.0f | "
        + "%.1f× |%n", 1 / median(wallPerRow[0]), 1 / median(wallPerRow[1]),
        median(wallPerRow[0]) / median(wallPerRow[1])));
    out.append(String.format(Locale.ROOT, "| one row, CPU ms per call | %.3f | %.3f | %.1f× |%n",
        median(cpuPerRow[2]) * 1e3, median(cpuPerRow[3]) * 1e3,
        median(cpuPerRow[2]) / median(cpuPerRow[3])));
    out.append(String.format(Locale.ROOT, "| one row, wall ms per call | %.3f | %.3f | %.1f× |%n",
        median(wallPerRow[2]) * 1e3, median(wallPerRow[3]) * 1e3,
        median(wallPerRow[2]) / median(wallPerRow[3])));
    if (lastLayer != null) {
      out.append(String.format(Locale.ROOT, "%nThe same predictor reading the last layer's token "
          + "outputs (the whole last layer runs), interleaved:%n| measure | as trained (%s) | "
          + "last-layer tokens | last-layer / as trained |%n|---|---:|---:|---:|%n",
          predictor.headTokens()));
      out.append(String.format(Locale.ROOT, "| batched, rows per CPU-second | %,.0f | %,.0f | "
          + "%.2f× |%n", 1 / median(cpuPerRow[0]), 1 / median(cpuPerRow[4]),
          median(cpuPerRow[4]) / median(cpuPerRow[0])));
      out.append(String.format(Locale.ROOT, "| one row, CPU ms per call | %.3f | %.3f | %.2f× |%n",
          median(cpuPerRow[2]) * 1e3, median(cpuPerRow[5]) * 1e3,
          median(cpuPerRow[5]) / median(cpuPerRow[2])));
      lastLayer.close();
    }
    System.out.print(out);
    booster.dispose();
    predictor.close();
    space.close();
  }

  /** The set's root table with typed values: DOUBLE as Double, INTEGER as Integer, text. */
  static Frame load(SharedDataset set) throws IOException {
    List<ColumnSchema> schema = new ArrayList<>();
    for (SharedDataset.Column c : set.columns()) {
      String type = c.definition().toUpperCase(Locale.ROOT);
      int sql = c.categorical() ? Types.VARCHAR
          : type.startsWith("INT") || type.startsWith("BIGINT") ? Types.INTEGER : Types.DOUBLE;
      schema.add(new ColumnSchema(c.name().toUpperCase(Locale.ROOT), sql,
          sql == Types.VARCHAR ? "VARCHAR" : sql == Types.INTEGER ? "INTEGER" : "DOUBLE"));
    }
    List<Object[]> rows = new ArrayList<>();
    try (Reader in = Files.newBufferedReader(set.folder().resolve(set.root() + ".csv"),
        StandardCharsets.UTF_8);
        CSVParser csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
            .parse(in)) {
      for (CSVRecord record : csv) {
        Object[] row = new Object[schema.size()];
        for (int c = 0; c < row.length; c++) {
          String v = record.get(set.columns().get(c).name());
          int sql = schema.get(c).jdbcType();
          row[c] = v == null || v.isEmpty() ? null : sql == Types.VARCHAR ? v
              : sql == Types.INTEGER ? (Object) Integer.valueOf(v) : (Object) Double.valueOf(v);
        }
        rows.add(row);
      }
    }
    return Frame.ofRows(schema, rows);
  }

  /** Every column but the target as a number: categories by their code in order of appearance. */
  private static float[] numbers(Frame frame, String target) {
    List<Integer> columns = new ArrayList<>();
    for (int c = 0; c < frame.columnCount(); c++) {
      if (!frame.columns().get(c).name().equals(target)) {
        columns.add(c);
      }
    }
    float[] out = new float[frame.rowCount() * columns.size()];
    List<Map<Object, Integer>> codes = new ArrayList<>();
    for (int j = 0; j < columns.size(); j++) {
      codes.add(new LinkedHashMap<>());
    }
    for (int r = 0; r < frame.rowCount(); r++) {
      for (int j = 0; j < columns.size(); j++) {
        Object v = frame.value(r, columns.get(j));
        Map<Object, Integer> code = codes.get(j);
        out[r * columns.size() + j] = v == null ? Float.NaN : v instanceof Number x
            ? x.floatValue() : code.computeIfAbsent(v, k -> code.size());
      }
    }
    return out;
  }

  private static Booster xgboost(Frame all, Frame training, String target, int rounds, int depth)
      throws XGBoostError {
    float[] x = numbers(training, target);
    int t = training.indexOf(target);
    float[] y = new float[training.rowCount()];
    for (int r = 0; r < y.length; r++) {
      y[r] = ((Number) training.value(r, t)).floatValue();
    }
    DMatrix matrix = new DMatrix(x, training.rowCount(), x.length / training.rowCount(),
        Float.NaN);
    try {
      matrix.setLabel(y);
      Map<String, Object> params = new HashMap<>();
      params.put("objective", "reg:squarederror");
      params.put("max_depth", depth);
      params.put("eta", 0.1);
      params.put("nthread", 1);
      params.put("tree_method", "hist");
      params.put("seed", 7);
      return XGBoost.train(matrix, params, rounds, new HashMap<>(), null, null);
    } finally {
      matrix.dispose();
    }
  }

  private static float[] predict(Booster booster, float[] rows, int n, int width)
      throws XGBoostError {
    DMatrix m = new DMatrix(rows, n, width, Float.NaN);
    try {
      float[][] p = booster.predict(m);
      return p[0];
    } finally {
      m.dispose();
    }
  }

}
