package io.rowspace.engine.space;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rowspace.engine.data.ColumnSchema;
import io.rowspace.engine.data.Frame;
import io.rowspace.engine.data.RelatedRows;
import io.rowspace.engine.data.Relation;
import io.rowspace.engine.data.Renaming;
import io.rowspace.engine.predictor.Prediction;
import io.rowspace.engine.predictor.Predictor;
import io.rowspace.engine.predictor.PredictorOptions;
import io.rowspace.engine.predictor.train.PredictorTrainer;
import io.rowspace.engine.profile.ColumnProfile;
import io.rowspace.engine.store.PredictorFormat;
import io.rowspace.engine.space.train.SpaceTrainer;
import io.rowspace.engine.store.SpaceFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A space over a root table and a child table, and a predictor on it, renamed for a database
 * that spells the tables and columns in lower case: on rows under the new names they embed and
 * predict bit for bit as before.
 */
class RenamedSpaceTest {
  private static final Map<String, String> KEY = Map.of("ID", "row key");
  private static final Renaming LOWER = new Renaming(Map.of("VISITS", "visits"),
      Map.of("CUSTOMERS", lower("ID", "SEGMENT", "AGE", "REGION"),
          "VISITS", lower("CUSTOMER_ID", "MINUTES", "DEVICE")));

  private static Map<String, String> lower(String... names) {
    Map<String, String> map = new java.util.LinkedHashMap<>();
    for (String name : names) {
      map.put(name, name.toLowerCase(Locale.ROOT));
    }
    return map;
  }

  @Test
  void aRenamedSpaceAndPredictorPredictExactlyAsBeforeOnRowsUnderTheNewNames() {
    Frame upper = RelatedTablesSpaceTest.customers(120, 4);
    try (EmbeddingSpace space = SpaceTrainer.train(upper, KEY,
             SpaceOptions.fromMap(Map.of("epochs", "2")), TrainingMonitor.NONE);
         Predictor predictor = PredictorTrainer.train(space, upper, "SEGMENT",
             PredictorOptions.fromMap(Map.of("epochs", "3")), TrainingMonitor.NONE)) {
      EmbeddingSpace.Renamed renamed = space.renamed(LOWER, "CUSTOMERS");
      try (EmbeddingSpace moved = renamed.space();
           Predictor movedPredictor = predictor.renamed(renamed.names(), moved)) {
        Frame lowerRows = lowerCase(upper, moved.relations().get(0));
        assertEquals("visits", moved.relations().get(0).name());
        assertEquals(List.of("visits.count", "visits.empty", "visits.minutes.mean",
            "visits.minutes.max", "visits.device=web.share"),
            moved.relations().get(0).summaryNames());
        assertEquals(space.columns().stream().map(c -> c.name().toLowerCase(Locale.ROOT))
            .toList(), moved.columns().stream().map(ColumnProfile::name).toList());
        assertTrue(moved.relatedColumns().values().iterator().next().stream()
            .anyMatch(p -> p.name().equals("minutes") && p.used()));
        assertTrue(moved.mutualInformationBits().containsKey("visits"));
        assertNotEquals(space.fingerprint(), moved.fingerprint(), "the names are part of it");

        float[][] before = space.embed(upper, Set.of());
        float[][] after = moved.embed(lowerRows, Set.of());
        for (int i = 0; i < before.length; i++) {
          assertArrayEquals(before[i], after[i], "row " + i);
        }
        assertEquals("segment", movedPredictor.target());
        assertEquals(predictor.inputColumns().stream().map(c -> c.toLowerCase(Locale.ROOT))
            .toList(), movedPredictor.inputColumns());
        movedPredictor.globalImportance().ifPresent(importance -> importance.entries()
            .forEach(e -> assertEquals(e.feature().toLowerCase(Locale.ROOT), e.feature())));
        assertSamePredictions(predictor.predict(space, upper),
            movedPredictor.predict(moved, lowerRows));

        // Saved and loaded, the renamed predictor belongs to the renamed space.
        try (EmbeddingSpace loaded = SpaceFormat.read(SpaceFormat.write(moved));
             Predictor loadedPredictor = PredictorFormat.read(PredictorFormat.write(movedPredictor))) {
          assertSamePredictions(predictor.predict(space, upper),
              loadedPredictor.predict(loaded, lowerRows));
        }
      }
    }
  }

  private static void assertSamePredictions(List<Prediction> expected, List<Prediction> actual) {
    assertEquals(expected.size(), actual.size());
    for (int i = 0; i < expected.size(); i++) {
      assertEquals(expected.get(i).label(), actual.get(i).label(), "row " + i);
      assertEquals(expected.get(i).probabilities(), actual.get(i).probabilities(), "row " + i);
    }
  }

  /** The same rows and related rows with every name in lower case. */
  private static Frame lowerCase(Frame rows, Relation renamed) {
    RelatedRows related = rows.related().get(0);
    int holders = related.holderCount();
    int[][] members = new int[holders][];
    long[] counts = new long[holders];
    double[][] summaries = new double[holders][];
    for (int h = 0; h < holders; h++) {
      members[h] = related.members(h);
      counts[h] = related.count(h);
      summaries[h] = related.summary(h);
    }
    Frame visits = new Frame(lowerColumns(related.rows()), columns(related.rows()));
    return new Frame(lowerColumns(rows), columns(rows)).withRelated(List.of(
        new RelatedRows(renamed, visits, members, counts, summaries, List.of())));
  }

  private static List<ColumnSchema> lowerColumns(Frame rows) {
    return rows.columns().stream().map(c -> new ColumnSchema(c.name().toLowerCase(Locale.ROOT),
        c.jdbcType(), c.typeName())).toList();
  }

  private static List<Object[]> columns(Frame rows) {
    List<Object[]> columns = new ArrayList<>();
    for (int c = 0; c < rows.columnCount(); c++) {
      columns.add(rows.column(c));
    }
    return columns;
  }
}
