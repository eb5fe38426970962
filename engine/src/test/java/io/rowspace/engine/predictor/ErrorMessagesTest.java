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
import io.rowspace.engine.predictor.train.PredictorTrainer;
import io.rowspace.engine.store.SpaceFormat;

import io.rowspace.error.SqlStates;
import org.junit.jupiter.api.Test;

import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The errors a user gets for bad options and unusable data name the object and the fix. */
class ErrorMessagesTest {

  private static Frame rows(int n, boolean singleStatus) {
    List<ColumnSchema> schema = List.of(
        new ColumnSchema("ID", Types.INTEGER, "INTEGER"),
        new ColumnSchema("A", Types.DOUBLE, "DOUBLE"),
        new ColumnSchema("B", Types.VARCHAR, "VARCHAR"),
        new ColumnSchema("STATUS", Types.VARCHAR, "VARCHAR"));
    List<Object[]> data = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      data.add(new Object[] {i, i * 0.37 % 5, i % 3 == 0 ? "u" : "v",
          singleStatus || i % 2 == 0 ? "good" : "bad"});
    }
    return Frame.ofRows(schema, data);
  }

  @Test
  void badOptionValueNamesTheOption() {
    EngineException e = assertThrows(EngineException.class,
        () -> SpaceOptions.fromMap(Map.of("epochs", "ten")));
    assertEquals(SqlStates.INVALID_ARGUMENT, e.sqlState());
    assertTrue(e.getMessage().startsWith("Option 'epochs' must be a positive integer"),
        e.getMessage());
    assertTrue(e.getMessage().endsWith("got 'ten'."), e.getMessage());
  }

  @Test
  void unknownOptionListsTheValidOnes() {
    EngineException e = assertThrows(EngineException.class,
        () -> PredictorOptions.fromMap(Map.of("lr", "0.1")));
    assertEquals(SqlStates.INVALID_ARGUMENT, e.sqlState());
    assertTrue(e.getMessage().contains("Unknown predictor option 'lr'"), e.getMessage());
    assertTrue(e.getMessage().contains("positive_label"), e.getMessage());
    EngineException h = assertThrows(EngineException.class,
        () -> PredictorOptions.fromMap(Map.of("head", "tree")));
    assertTrue(h.getMessage().contains("mlp, crossnet, lowrank_cross, gated_interactions"));
  }

  @Test
  void singleValueTargetIsUnusable() {
    Frame frame = rows(60, true);
    try (EmbeddingSpace space = SpaceTrainer.train(frame, Map.of(),
        SpaceOptions.fromMap(Map.of("epochs", "1")), TrainingMonitor.NONE)) {
      EngineException e = assertThrows(EngineException.class, () -> PredictorTrainer.train(space,
          frame, "STATUS", PredictorOptions.defaults(), TrainingMonitor.NONE));
      assertEquals(SqlStates.UNUSABLE_DATA, e.sqlState());
      assertEquals("Target column 'STATUS' has a single value ('good') in 60 rows: a predictor "
          + "needs at least two.", e.getMessage());
    }
  }

  @Test
  void noUsableColumnsIsUnusable() {
    List<ColumnSchema> schema = List.of(new ColumnSchema("ID", Types.INTEGER, "INTEGER"),
        new ColumnSchema("C", Types.VARCHAR, "VARCHAR"));
    List<Object[]> data = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      data.add(new Object[] {i, "same"});
    }
    EngineException e = assertThrows(EngineException.class, () -> SpaceTrainer.train(
        Frame.ofRows(schema, data), Map.of(), SpaceOptions.defaults(), TrainingMonitor.NONE));
    assertEquals(SqlStates.UNUSABLE_DATA, e.sqlState());
    assertTrue(e.getMessage().contains("ID: identifier"), e.getMessage());
    assertTrue(e.getMessage().contains("C: constant"), e.getMessage());
  }

  @Test
  void cancellationStopsTraining() {
    TrainingMonitor cancelling = new TrainingMonitor() {
      @Override
      public void progress(String phase, int step, int totalSteps, String message) {}

      @Override
      public void epoch(io.rowspace.engine.space.EpochRecord record) {}

      @Override
      public void warning(String message) {}

      @Override
      public boolean isCancelled() {
        return true;
      }
    };
    EngineException e = assertThrows(EngineException.class, () -> SpaceTrainer.train(rows(60,
        false), Map.of(), SpaceOptions.defaults(), cancelling));
    assertEquals(SqlStates.CANCELLED, e.sqlState());
  }

  @Test
  void corruptBytesAreRejectedClearly() {
    EngineException e = assertThrows(EngineException.class,
        () -> SpaceFormat.read(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13}));
    assertEquals(SqlStates.UNUSABLE_DATA, e.sqlState());
    assertTrue(e.getMessage().startsWith("Saved embedding space cannot be loaded"), e.getMessage());
  }
}
