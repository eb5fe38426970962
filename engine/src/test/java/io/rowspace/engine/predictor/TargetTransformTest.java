package io.rowspace.engine.predictor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rowspace.error.EngineException;
import io.rowspace.engine.data.ColumnSchema;
import io.rowspace.engine.data.Frame;
import io.rowspace.engine.space.EmbeddingSpace;
import io.rowspace.engine.space.SpaceOptions;
import io.rowspace.engine.space.train.SpaceTrainer;
import io.rowspace.engine.space.TrainingMonitor;
import io.rowspace.engine.store.PredictorFormat;
import io.rowspace.engine.predictor.train.PredictorTrainer;

import io.rowspace.error.SqlStates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * {@code target_transform}: a price that grows exponentially with a house's size, learned on the
 * log scale, comes back in the target's own units, never below zero, and survives save and load;
 * asking for the log of a target that reaches zero is refused with the fix.
 */
class TargetTransformTest {
  private static Frame houses;
  private static EmbeddingSpace space;

  @BeforeAll
  static void trainSpace() {
    Random random = new Random(5);
    List<ColumnSchema> schema = List.of(
        new ColumnSchema("SIZE", Types.DOUBLE, "DOUBLE"),
        new ColumnSchema("AREA", Types.VARCHAR, "VARCHAR"),
        new ColumnSchema("PRICE", Types.DOUBLE, "DOUBLE"));
    String[] areas = {"north", "south", "centre"};
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < 1200; i++) {
      double size = 40 + 160 * random.nextDouble();
      int area = random.nextInt(3);
      double price = 20_000 * Math.exp(0.015 * size + 0.3 * area + 0.1 * random.nextGaussian());
      rows.add(new Object[] {size, areas[area], price});
    }
    houses = Frame.ofRows(schema, rows);
    space = SpaceTrainer.train(houses, Map.of(), SpaceOptions.fromMap(
        Map.of("d_model", "16", "layers", "1", "epochs", "4")), TrainingMonitor.NONE);
  }

  @AfterAll
  static void close() {
    space.close();
  }

  @Test
  void aTargetLearnedAsItsLogarithmIsPredictedInItsOwnUnits() {
    try (Predictor logScale = PredictorTrainer.train(space, houses, "PRICE",
            PredictorOptions.fromMap(Map.of("target_transform", "log")), TrainingMonitor.NONE);
        Predictor plain = PredictorTrainer.train(space, houses, "PRICE",
            PredictorOptions.defaults(), TrainingMonitor.NONE)) {
      assertEquals("log", logScale.resolvedOptions().get("target_transform"));
      assertEquals("none", plain.resolvedOptions().get("target_transform"));
      List<Prediction> predicted = logScale.predict(space, houses);
      double squares = 0;
      double total = 0;
      for (int i = 0; i < predicted.size(); i++) {
        Prediction p = predicted.get(i);
        double actual = (Double) houses.value(i, houses.indexOf("PRICE"));
        assertTrue(p.value() > 0, "exp of the learned value is never negative: " + p.value());
        assertTrue(p.lower() <= p.value() && p.value() <= p.upper(), p.toString());
        squares += (p.value() - actual) * (p.value() - actual);
        total += actual;
      }
      double rmse = Math.sqrt(squares / predicted.size());
      assertTrue(rmse < 0.2 * total / predicted.size(), "prices in their own units: rmse " + rmse
          + " against a mean price of " + total / predicted.size());
      try (Predictor loaded = PredictorFormat.read(PredictorFormat.write(logScale))) {
        assertEquals(predicted, loaded.predict(space, houses));
      }
    }
  }

  @Test
  void theLogOfATargetThatReachesZeroIsRefusedWithTheFix() {
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < houses.rowCount(); i++) {
      Object[] row = new Object[3];
      for (int c = 0; c < 3; c++) {
        row[c] = houses.value(i, c);
      }
      rows.add(row);
    }
    rows.get(7)[2] = 0.0;
    Frame withZero = Frame.ofRows(houses.columns(), rows);
    EngineException e = assertThrows(EngineException.class, () -> PredictorTrainer.train(space,
        withZero, "PRICE", PredictorOptions.fromMap(Map.of("target_transform", "log")),
        TrainingMonitor.NONE));
    assertEquals(SqlStates.INVALID_ARGUMENT, e.sqlState());
    assertTrue(e.getMessage().contains("'PRICE'") && e.getMessage().contains(
        "target_transform = 'none'"), e.getMessage());
  }

  @Test
  void anUnknownTransformNamesTheChoices() {
    EngineException e = assertThrows(EngineException.class,
        () -> PredictorOptions.fromMap(Map.of("target_transform", "sqrt")));
    assertTrue(e.getMessage().contains("one of none, log"), e.getMessage());
  }
}
