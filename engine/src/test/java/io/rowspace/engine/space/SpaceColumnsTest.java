package io.rowspace.engine.space;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rowspace.engine.data.ColumnSchema;
import io.rowspace.engine.data.Frame;
import io.rowspace.engine.profile.ColumnProfile;
import io.rowspace.engine.profile.DetectedType;
import io.rowspace.engine.space.train.SpaceTrainer;
import io.rowspace.engine.store.SpaceFormat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * What a user sees when building a space on a messy table: which columns are used and how, which
 * are excluded and why, the unparseable values reported, and how much each column shares with the
 * rest of its row.
 */
class SpaceColumnsTest {
  private static final List<String> WARNINGS = new ArrayList<>();
  private static Frame table;
  private static byte[] firstBytes;
  private static float[][] firstEmbeddings;
  private static Map<String, Double> information;
  private static List<ColumnProfile> columns;

  /**
   * 400 customers: SEGMENT decides TIER (a function of it) and, loosely, SPEND and the email
   * domain; NOISE is independent of everything.
   */
  private static Frame customers() {
    List<ColumnSchema> schema = List.of(
        new ColumnSchema("CUSTOMER_UUID", Types.VARCHAR, "VARCHAR"),
        new ColumnSchema("REGION", Types.VARCHAR, "VARCHAR"),
        new ColumnSchema("NOTES", Types.VARCHAR, "VARCHAR"),
        new ColumnSchema("JOINED", Types.VARCHAR, "VARCHAR"),
        new ColumnSchema("EMAIL", Types.VARCHAR, "VARCHAR"),
        new ColumnSchema("AGE", Types.VARCHAR, "VARCHAR"),
        new ColumnSchema("SEGMENT", Types.VARCHAR, "VARCHAR"),
        new ColumnSchema("TIER", Types.VARCHAR, "VARCHAR"),
        new ColumnSchema("SPEND", Types.DOUBLE, "DOUBLE"),
        new ColumnSchema("NOISE", Types.DOUBLE, "DOUBLE"));
    String[] segments = {"alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta"};
    String[] domains = {"gmail.com", "acme.com", "initech.de", "globex.io"};
    Random random = new Random(11);
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      int segment = random.nextInt(segments.length);
      Object age = i % 100 == 7 ? "thirty" : Integer.toString(20 + random.nextInt(50));
      rows.add(new Object[] {
          UUID.nameUUIDFromBytes(("c" + i).getBytes(StandardCharsets.UTF_8)).toString(),
          "EU",
          null,
          LocalDate.of(2022, 1, 1).plusDays(random.nextInt(700)).toString(),
          "person" + i + "@" + domains[random.nextDouble() < 0.7 ? segment % 4 : random.nextInt(4)],
          age,
          segments[segment],
          segment < 4 ? "basic" : "premium",
          Math.exp(segment / 2.0 + 0.3 * random.nextGaussian()),
          random.nextGaussian()});
    }
    return Frame.ofRows(schema, rows);
  }

  private static EmbeddingSpace train(Frame rows, String epochs) {
    TrainingMonitor monitor = new TrainingMonitor() {
      @Override
      public void progress(String phase, int step, int totalSteps, String message) {}

      @Override
      public void epoch(EpochRecord record) {}

      @Override
      public void warning(String message) {
        synchronized (WARNINGS) {
          WARNINGS.add(message);
        }
      }
    };
    return SpaceTrainer.train(rows, Map.of(),
        SpaceOptions.fromMap(Map.of("epochs", epochs, "d_model", "32")), monitor);
  }

  @BeforeAll
  static void trainOnce() {
    table = customers();
    try (EmbeddingSpace space = train(table, "20")) {
      firstBytes = SpaceFormat.write(space);
      firstEmbeddings = space.embed(table, Set.of());
      information = space.mutualInformationBits();
      columns = space.columns();
    }
  }

  private static ColumnProfile column(String name) {
    return columns.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void eachColumnIsUsedWithAnInformativeEncoderOrExcludedWithAReason() {
    assertEquals("identifier: UUIDs (400 distinct values in 400 rows, UUID format, "
        + "id-like name)", column("CUSTOMER_UUID").reason());
    assertEquals("constant: single value 'EU'", column("REGION").reason());
    assertEquals("all values are NULL", column("NOTES").reason());
    assertEquals(DetectedType.TIMESTAMP, column("JOINED").detectedType());
    assertEquals("date(cyclical weekday/day/month + linear time)", column("JOINED").encoder());
    assertEquals(DetectedType.EMAIL, column("EMAIL").detectedType());
    assertEquals(DetectedType.SCALAR, column("AGE").detectedType());
    assertEquals(4, column("AGE").unparseable());
    assertEquals(List.of("JOINED", "EMAIL", "AGE", "SEGMENT", "TIER", "SPEND", "NOISE"),
        List.copyOf(information.keySet()), "estimates for the used columns, in token order");
  }

  @Test
  void warningsNameTheExcludedColumnsAndTheUnreadableValues() {
    assertTrue(WARNINGS.contains("Column 'AGE': 4 values could not be read as numbers "
        + "(e.g. 'thirty') and count as missing."), WARNINGS.toString());
    assertTrue(WARNINGS.contains("Column 'CUSTOMER_UUID' excluded: identifier: UUIDs (400 "
        + "distinct values in 400 rows, UUID format, id-like name)"), WARNINGS.toString());
    assertTrue(WARNINGS.contains("Column 'NOTES' excluded: all values are NULL"),
        WARNINGS.toString());
  }

  @Test
  void aColumnThatIsAFunctionOfAnotherSharesMoreInformationThanNoise() {
    double tier = information.get("TIER");
    double noise = information.get("NOISE");
    assertTrue(tier > noise + 0.03, "TIER is decided by SEGMENT, NOISE by nothing: "
        + information);
    assertTrue(noise < 0.05, "an independent column shares (almost) nothing: " + information);
    assertTrue(tier <= 1.3, "a two-valued column cannot share much more than one bit: " + tier);
  }

  /** Short trainings, as in {@link SpaceDeterminismTest}, to keep the test quick. */
  @Test
  void retrainingWithTheNewEncodersGivesTheSameBytesAndEmbeddings() {
    try (EmbeddingSpace a = train(table, "3"); EmbeddingSpace b = train(table, "3")) {
      assertArrayEquals(SpaceFormat.write(a), SpaceFormat.write(b));
      float[][] ea = a.embed(table, Set.of());
      float[][] eb = b.embed(table, Set.of());
      for (int i = 0; i < ea.length; i++) {
        assertArrayEquals(ea[i], eb[i]);
      }
    }
  }

  @Test
  void loadingKeepsTheEstimatesAndTheEmbeddings() {
    try (EmbeddingSpace loaded = SpaceFormat.read(firstBytes)) {
      assertEquals(information, loaded.mutualInformationBits());
      assertEquals(columns, loaded.columns());
      float[][] embeddings = loaded.embed(table, Set.of());
      for (int i = 0; i < embeddings.length; i++) {
        assertArrayEquals(firstEmbeddings[i], embeddings[i]);
      }
    }
  }
}
