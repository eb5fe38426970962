package io.rowspace.bench;

import static io.rowspace.bench.Measurements.median;
import static io.rowspace.bench.Measurements.processCpuNanos;

import io.rowspace.engine.data.ColumnSchema;
import io.rowspace.engine.data.Frame;
import io.rowspace.engine.predictor.Predictor;
import io.rowspace.engine.predictor.PredictorOptions;
import io.rowspace.engine.predictor.train.PredictorTrainer;
import io.rowspace.engine.space.EmbeddingSpace;
import io.rowspace.engine.space.SpaceOptions;
import io.rowspace.engine.space.train.SpaceTrainer;
import io.rowspace.engine.space.TrainingMonitor;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The forward pass of a space and its predictor's head at inference, PyTorch's against the plain
 * Java one ({@code rowspace.inference}), measured in one process with the runs interleaved: the
 * engine alone, without SQL, on a space of the default shape for ten columns (11 column tokens, 2
 * layers, 4 heads) at {@code d_model} 48 and 192, and a predictor whose network takes the whole
 * share ({@code trees = false}); and the space alone embedding the rows ({@code embed}, the row
 * vector without the tokens' outputs, what SIMILAR_ROWS, ANOMALY_SCORE and EMBEDDINGS read).
 *
 * <pre>
 * java -cp CLASSPATH io.rowspace.bench.ForwardPassBenchmark [--rows 4096] [--runs 5]
 *     [--paths pytorch,java] [--d-models 48,192]
 * </pre>
 *
 * <p>{@code --paths java} measures the Java pass alone (for a profile of it).
 */
public final class ForwardPassBenchmark {

  private ForwardPassBenchmark() {}

  public static void main(String[] args) {
    if (System.getProperty("ai.djl.offline") == null) {
      System.setProperty("ai.djl.offline", "true");
    }
    int rows = 4096;
    int runs = 5;
    String[] paths = {"pytorch", "java"};
    int[] widths = {48, 192};
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--rows" -> rows = Integer.parseInt(args[++i]);
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--paths" -> paths = args[++i].split(",");
        case "--d-models" -> widths = Arrays.stream(args[++i].split(","))
            .mapToInt(Integer::parseInt).toArray();
        default -> {
          System.err.println("usage: ForwardPassBenchmark [--rows 4096] [--runs 5] "
              + "[--paths pytorch,java] [--d-models 48,192]");
          System.exit(2);
        }
      }
    }
    Frame training = customers(1000, 1);
    Frame scored = customers(rows, 2);
    StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "| d_model | pass | "
        + "batched predict (%,d rows), rows per CPU-second | one row, CPU ms per call | "
        + "batched embed, rows per CPU-second |%n|---:|---|---:|---:|---:|%n", rows));
    for (int d : widths) {
      try (EmbeddingSpace space = SpaceTrainer.train(training, Map.of("ID", "row key"),
          SpaceOptions.fromMap(Map.of("d_model", Integer.toString(d), "layers", "2",
              "epochs", "1", "seed", "7")), TrainingMonitor.NONE);
          Predictor predictor = PredictorTrainer.train(space, training, "CHURNED",
              PredictorOptions.fromMap(Map.of("trees", "false", "epochs", "2", "seed", "7")),
              TrainingMonitor.NONE)) {
        double[][] batched = new double[paths.length][runs];
        double[][] single = new double[paths.length][runs];
        double[][] embedded = new double[paths.length][runs];
        int singles = 200;
        for (int run = -1; run < runs; run++) {
          for (int p = 0; p < paths.length; p++) {
            System.setProperty("rowspace.inference", paths[p]);
            long cpu = processCpuNanos();
            predictor.predict(space, scored);
            double batchCpu = (processCpuNanos() - cpu) / 1e9;
            cpu = processCpuNanos();
            for (int i = 0; i < singles; i++) {
              predictor.predict(space, scored.rows(new int[] {i}));
            }
            double singleCpu = (processCpuNanos() - cpu) / 1e6 / singles;
            cpu = processCpuNanos();
            space.embed(scored, Set.of());
            double embedCpu = (processCpuNanos() - cpu) / 1e9;
            if (run >= 0) {
              batched[p][run] = rows / batchCpu;
              single[p][run] = singleCpu;
              embedded[p][run] = rows / embedCpu;
            }
            System.err.printf(Locale.ROOT, "d_model %d, %s pass: %,.0f rows per CPU-second "
                + "batched, %.3f CPU ms per single row, %,.0f rows per CPU-second embedded%s%n",
                d, paths[p], rows / batchCpu, singleCpu, rows / embedCpu,
                run < 0 ? " (warm-up)" : "");
          }
        }
        for (int p = 0; p < paths.length; p++) {
          table.append(String.format(Locale.ROOT, "| %d | %s | %,.0f | %.3f | %,.0f |%n", d,
              paths[p], median(batched[p]), median(single[p]), median(embedded[p])));
        }
      }
    }
    System.clearProperty("rowspace.inference");
    System.out.print(table);
  }

  /** Ten columns like {@code GeneratedRows}' customers: six numbers, three categories, a label. */
  private static Frame customers(int n, long seed) {
    Random random = new Random(seed);
    List<ColumnSchema> schema = new ArrayList<>();
    schema.add(new ColumnSchema("ID", Types.INTEGER, "INTEGER"));
    for (int j = 1; j <= 6; j++) {
      schema.add(new ColumnSchema("X" + j, Types.DOUBLE, "DOUBLE"));
    }
    for (int j = 1; j <= 3; j++) {
      schema.add(new ColumnSchema("C" + j, Types.VARCHAR, "VARCHAR"));
    }
    schema.add(new ColumnSchema("CHURNED", Types.VARCHAR, "VARCHAR"));
    List<Object[]> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Object[] row = new Object[schema.size()];
      row[0] = i;
      double sum = 0;
      for (int j = 1; j <= 6; j++) {
        double v = random.nextGaussian();
        row[j] = v;
        sum += v * j;
      }
      for (int j = 7; j <= 9; j++) {
        row[j] = "k" + random.nextInt(3 + j);
      }
      row[10] = sum + random.nextGaussian() > 0 ? "yes" : "no";
      out.add(row);
    }
    return Frame.ofRows(schema, out);
  }

}
