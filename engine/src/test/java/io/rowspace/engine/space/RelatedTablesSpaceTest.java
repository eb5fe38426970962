package io.rowspace.engine.space;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rowspace.engine.data.ColumnSchema;
import io.rowspace.engine.data.Frame;
import io.rowspace.engine.data.RelatedRows;
import io.rowspace.engine.data.Relation;
import io.rowspace.engine.space.train.SpaceTrainer;
import io.rowspace.engine.store.SpaceFormat;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A space over a root table and a child table, built from frames as the SQL layer hands them
 * over: each root row with its related rows attached.
 */
public class RelatedTablesSpaceTest {
  private static final Relation VISITS = new Relation("VISITS", "VISITS", Relation.Kind.CHILD,
      List.of("ID"), List.of("CUSTOMER_ID"), List.of("MINUTES"), List.of("DEVICE"),
      List.of("web"), List.of());

  /** Customers whose segment follows the mean length of their visits, and nothing else. */
  public static Frame customers(int n, long seed) {
    Random random = new Random(seed);
    List<Object[]> roots = new ArrayList<>();
    List<Object[]> visits = new ArrayList<>();
    int[][] members = new int[n][];
    long[] counts = new long[n];
    double[][] summaries = new double[n][];
    for (int i = 0; i < n; i++) {
      boolean longVisits = random.nextBoolean();
      int count = 1 + random.nextInt(5);
      members[i] = new int[count];
      double sum = 0;
      double max = 0;
      for (int v = 0; v < count; v++) {
        int minutes = (longVisits ? 30 : 5) + random.nextInt(10);
        members[i][v] = visits.size();
        visits.add(new Object[] {i, minutes, random.nextBoolean() ? "web" : "app"});
        sum += minutes;
        max = Math.max(max, minutes);
      }
      counts[i] = count;
      long web = 0;
      for (int v = 0; v < count; v++) {
        web += "web".equals(visits.get(members[i][v])[2]) ? 1 : 0;
      }
      summaries[i] = new double[] {count, 0, sum / count, max, (double) web / count};
      roots.add(new Object[] {i, longVisits ? "loyal" : "casual", 20 + random.nextInt(50),
          random.nextBoolean() ? "north" : "south"});
    }
    Frame visitFrame = Frame.ofRows(List.of(new ColumnSchema("CUSTOMER_ID", Types.INTEGER,
        "INTEGER"), new ColumnSchema("MINUTES", Types.INTEGER, "INTEGER"),
        new ColumnSchema("DEVICE", Types.VARCHAR, "VARCHAR")), visits);
    RelatedRows related = new RelatedRows(VISITS, visitFrame, members, counts, summaries,
        List.of());
    return Frame.ofRows(List.of(new ColumnSchema("ID", Types.INTEGER, "INTEGER"),
        new ColumnSchema("SEGMENT", Types.VARCHAR, "VARCHAR"),
        new ColumnSchema("AGE", Types.INTEGER, "INTEGER"),
        new ColumnSchema("REGION", Types.VARCHAR, "VARCHAR")), roots)
        .withRelated(List.of(related));
  }

  private static EmbeddingSpace train(Frame rows) {
    return SpaceTrainer.train(rows, Map.of("ID", "row key"),
        SpaceOptions.fromMap(Map.of("epochs", "3")), TrainingMonitor.NONE);
  }

  @Test
  void selectingRowsKeepsTheirRelatedRowsAndOnlyThose() {
    Frame rows = customers(50, 1);
    Frame some = rows.rows(new int[] {3, 1});
    RelatedRows visits = some.related().get(0);
    assertEquals(2, visits.holderCount());
    RelatedRows all = rows.related().get(0);
    assertEquals(all.count(3), visits.count(0));
    assertEquals(all.members(3).length + all.members(1).length, visits.rows().rowCount());
    Object[] minutes = visits.rows().column(1);
    for (int j = 0; j < visits.members(0).length; j++) {
      assertEquals(all.rows().value(all.members(3)[j], 1), minutes[visits.members(0)[j]]);
    }
  }

  @Test
  void theChildTableIsATokenOfTheRootRowsAndTrainingIsReproducible() {
    Frame rows = customers(120, 2);
    try (EmbeddingSpace a = train(rows); EmbeddingSpace b = train(rows)) {
      assertEquals(List.of(VISITS), a.relations());
      assertTrue(a.mutualInformationBits().containsKey("VISITS"), a.mutualInformationBits()
          .toString());
      assertTrue(a.relatedColumns().get(VISITS).stream()
          .anyMatch(p -> p.name().equals("MINUTES") && p.used()));
      assertArrayEquals(SpaceFormat.write(a), SpaceFormat.write(b), "same data and seed, same bytes");

      float[][] with = a.embed(rows, Set.of());
      float[][] masked = a.embed(rows, Set.of("VISITS"));
      assertFalse(Arrays.equals(with[0], masked[0]), "the visits token changes the embedding");
      // Rows given without their related rows embed as rows with none.
      List<Object[]> one = new ArrayList<>();
      one.add(new Object[] {0, "loyal", 30, "north"});
      Frame bare = Frame.ofRows(rows.columns(), one);
      assertEquals(1, a.embed(bare, Set.of()).length);

      try (EmbeddingSpace loaded = SpaceFormat.read(SpaceFormat.write(a))) {
        assertEquals(a.relations(), loaded.relations());
        float[][] again = loaded.embed(rows, Set.of());
        for (int i = 0; i < with.length; i++) {
          assertArrayEquals(with[i], again[i]);
        }
      }
    }
  }
}
