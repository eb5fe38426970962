package io.rowspace.engine.predictor;

import io.rowspace.engine.data.ColumnSchema;
import io.rowspace.engine.data.Frame;
import io.rowspace.engine.space.EmbeddingSpace;
import io.rowspace.engine.space.SpaceOptions;
import io.rowspace.engine.space.SpaceTrainer;
import io.rowspace.engine.space.TrainingMonitor;
import java.lang.management.ManagementFactory;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ImportanceCostProbe {
  static long cpu() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory
        .getOperatingSystemMXBean()).getProcessCpuTime();
  }

  @Test
  void probe() {
    Random random = new Random(3);
    List<ColumnSchema> schema = new ArrayList<>();
    for (int c = 0; c < 10; c++) {
      schema.add(new ColumnSchema("X" + c, Types.DOUBLE, "DOUBLE"));
    }
    schema.add(new ColumnSchema("Y", Types.VARCHAR, "VARCHAR"));
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      Object[] r = new Object[11];
      double s = 0;
      for (int c = 0; c < 10; c++) {
        double v = random.nextGaussian();
        r[c] = v;
        s += c < 3 ? v : 0;
      }
      r[10] = s + random.nextGaussian() > 0 ? "yes" : "no";
      rows.add(r);
    }
    Frame frame = Frame.ofRows(schema, rows);
    try (EmbeddingSpace space = SpaceTrainer.train(frame, Map.of(), SpaceOptions.fromMap(
        Map.of("d_model", "48", "epochs", "3")), TrainingMonitor.NONE)) {
      long t0 = cpu();
      long w0 = System.nanoTime();
      try (Predictor p = PredictorTrainer.train(space, frame, "Y", PredictorOptions.defaults(),
          TrainingMonitor.NONE)) {
        long t1 = cpu();
        long w1 = System.nanoTime();
        int[] all = new int[1000];
        for (int i = 0; i < all.length; i++) {
          all[i] = i * 5;
        }
        GlobalImportance g = PermutationImportance.measure(p, space, frame, all, 42);
        long t2 = cpu();
        long w2 = System.nanoTime();
        System.out.printf("PROBE create predictor (with importance): cpu %.2f s wall %.2f s; "
            + "importance alone: cpu %.2f s wall %.2f s; %s%n", (t1 - t0) / 1e9,
            (w1 - w0) / 1e9, (t2 - t1) / 1e9, (w2 - w1) / 1e9, g.entries().get(0));
      }
    }
  }
}
