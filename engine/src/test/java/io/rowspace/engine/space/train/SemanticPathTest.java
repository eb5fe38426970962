package io.rowspace.engine.space.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rowspace.engine.data.ColumnSchema;
import io.rowspace.engine.data.Frame;
import io.rowspace.engine.encode.ColumnEncoder;
import io.rowspace.engine.nn.InferencePath;
import io.rowspace.engine.nn.InferencePaths;
import io.rowspace.engine.profile.ColumnProfile;
import io.rowspace.engine.profile.DetectedType;
import io.rowspace.engine.space.EmbeddingSpace;
import io.rowspace.engine.space.EpochRecord;
import io.rowspace.engine.space.SpaceOptions;
import io.rowspace.engine.space.TrainingMonitor;
import io.rowspace.engine.text.SentenceModel;
import io.rowspace.engine.store.SpaceFormat;

import org.junit.jupiter.api.Test;

import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The semantic path carries meaning to values never seen in training. A planted signal: KIND
 * (animal or vehicle) follows from THING, a word; rows held out of training name things by words
 * that never occur in training ("puppy" where training had "dog", "lorry" where it had "truck").
 * With the target hidden, the nearest training row of a held-out row must have its kind: only
 * the meaning of the unseen word can tell, since NOISE is independent of everything.
 */
class SemanticPathTest {
  private static final String[] ANIMALS = {"dog", "cat", "horse", "cow", "sheep", "rabbit"};
  private static final String[] VEHICLES = {"car", "truck", "bus", "train", "bicycle",
      "motorcycle"};
  private static final String[] UNSEEN_ANIMALS = {"puppy", "kitten", "pony", "calf", "lamb",
      "bunny"};
  private static final String[] UNSEEN_VEHICLES = {"automobile", "lorry", "van", "tram", "bike",
      "scooter"};

  private static Frame things(String[] animals, String[] vehicles, int perValue, long seed) {
    List<ColumnSchema> schema = List.of(
        new ColumnSchema("THING", Types.VARCHAR, "VARCHAR"),
        new ColumnSchema("KIND", Types.VARCHAR, "VARCHAR"),
        new ColumnSchema("NOISE", Types.DOUBLE, "DOUBLE"));
    Random random = new Random(seed);
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < perValue; i++) {
      for (int v = 0; v < animals.length; v++) {
        rows.add(new Object[] {animals[v], "animal", random.nextGaussian()});
        rows.add(new Object[] {vehicles[v], "vehicle", random.nextGaussian()});
      }
    }
    return Frame.ofRows(schema, rows);
  }

  /** Share of held-out rows whose nearest training row (cosine, KIND hidden) has their kind. */
  private static double nearestNeighbourAccuracy(EmbeddingSpace space, Frame training,
      Frame heldOut) {
    float[][] train = space.embed(training, Set.of("KIND"));
    float[][] test = space.embed(heldOut, Set.of("KIND"));
    Object[] trainKinds = training.column(training.indexOf("KIND"));
    Object[] testKinds = heldOut.column(heldOut.indexOf("KIND"));
    int right = 0;
    for (int i = 0; i < test.length; i++) {
      int best = -1;
      double bestScore = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < train.length; j++) {
        double dot = 0;
        for (int k = 0; k < test[i].length; k++) {
          dot += test[i][k] * train[j][k];
        }
        if (dot > bestScore) {
          bestScore = dot;
          best = j;
        }
      }
      if (trainKinds[best].equals(testKinds[i])) {
        right++;
      }
    }
    return right / (double) test.length;
  }

  private static EmbeddingSpace train(Frame rows, String sentenceModel) {
    return SpaceTrainer.train(rows, Map.of(), SpaceOptions.fromMap(
        Map.of("epochs", "20", "sentence_model", sentenceModel)), null);
  }

  @Test
  void unseenWordsAreUnderstoodThroughTheSentenceModelAndNotWithoutIt() {
    Frame training = things(ANIMALS, VEHICLES, 20, 1);
    Frame heldOut = things(UNSEEN_ANIMALS, UNSEEN_VEHICLES, 5, 2);
    double semantic;
    double learnedOnly;
    try (EmbeddingSpace space = train(training, "auto")) {
      assertTrue(profile(space, "THING").encoder().contains("sentence model"),
          profile(space, "THING").encoder());
      assertEquals("auto", space.options().get("sentence_model"));
      semantic = nearestNeighbourAccuracy(space, training, heldOut);
      // Seen values mix their sentence vector in by the column's gate, unseen ones take it alone:
      // the Java pass at inference computes both as training's PyTorch pass does.
      for (Frame rows : List.of(training, heldOut)) {
        float[][] java = InferencePaths.with(InferencePath.JAVA,
            () -> space.embed(rows, Set.of()));
        float[][] torch = InferencePaths.with(InferencePath.PYTORCH,
            () -> space.embed(rows, Set.of()));
        for (int r = 0; r < java.length; r++) {
          assertTrue(InferencePaths.relativeDifference(java[r], torch[r])
              <= InferencePaths.TOLERANCE, "row " + r);
        }
      }
      try (EmbeddingSpace loaded = SpaceFormat.read(SpaceFormat.write(space))) {
        assertEquals(semantic, nearestNeighbourAccuracy(loaded, training, heldOut),
            "a loaded space embeds unseen values as the trained one did");
      }
    }
    try (EmbeddingSpace space = train(training, "false")) {
      assertFalse(profile(space, "THING").encoder().contains("sentence model"));
      learnedOnly = nearestNeighbourAccuracy(space, training, heldOut);
    }
    System.out.printf(Locale.ROOT, "held-out unseen words, nearest-neighbour kind accuracy: "
        + "sentence model %.3f, sentence_model = false %.3f%n", semantic, learnedOnly);
    assertTrue(semantic >= 0.75, "semantic path accuracy " + semantic);
    assertTrue(semantic >= learnedOnly + 0.2,
        "semantic " + semantic + " vs learned only " + learnedOnly);
  }

  /** Notes written from a few templates: free text with many distinct values. */
  private static Frame withNotes(int rows) {
    List<ColumnSchema> schema = List.of(
        new ColumnSchema("NOTE", Types.VARCHAR, "VARCHAR"),
        new ColumnSchema("CODE", Types.VARCHAR, "VARCHAR"),
        new ColumnSchema("COLOUR", Types.VARCHAR, "VARCHAR"),
        new ColumnSchema("AMOUNT", Types.DOUBLE, "DOUBLE"));
    String[] moods = {"happy with", "unhappy about", "surprised by", "confused by"};
    String[] things = {"the delivery", "the price", "the support team", "the packaging"};
    String[] colours = {"red", "green", "blue", "yellow"};
    Random random = new Random(5);
    List<Object[]> out = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      String note = "Customer " + i + " was " + moods[random.nextInt(moods.length)] + " "
          + things[random.nextInt(things.length)] + ".";
      out.add(new Object[] {note, "A" + (100 + random.nextInt(5)),
          colours[random.nextInt(colours.length)], random.nextDouble() * 100});
    }
    return Frame.ofRows(schema, out);
  }

  @Test
  void freeTextIsEncodedThroughTheModelAndCodesStayLearned() {
    List<String> messages = new ArrayList<>();
    TrainingMonitor monitor = new TrainingMonitor() {
      @Override
      public void progress(String phase, int step, int totalSteps, String message) {
        messages.add(message);
      }

      @Override
      public void epoch(EpochRecord record) {}

      @Override
      public void warning(String message) {
        messages.add(message);
      }
    };
    try (EmbeddingSpace space = SpaceTrainer.train(withNotes(200), Map.of(),
        SpaceOptions.fromMap(Map.of("epochs", "2")), monitor)) {
      ColumnProfile note = profile(space, "NOTE");
      assertEquals(DetectedType.TEXT, note.detectedType());
      assertTrue(note.used() && note.encoder().startsWith("text(sentence model"),
          note.encoder());
      assertFalse(profile(space, "CODE").encoder().contains("sentence model"),
          "codes are not words: " + profile(space, "CODE").encoder());
      assertTrue(profile(space, "COLOUR").encoder().contains("sentence model"));
      assertTrue(messages.stream().anyMatch(m -> m.startsWith(
          "sentence vectors of 'NOTE': 200 of 200 distinct values embedded")), messages.toString());
      float[][] e = space.embed(withNotes(3), Set.of());
      assertEquals(3, e.length);
    }
  }

  @Test
  void withoutTheSentenceModelTheSpaceStillBuildsAndSaysHowToFixIt() {
    List<String> warnings = new ArrayList<>();
    TrainingMonitor monitor = new TrainingMonitor() {
      @Override
      public void progress(String phase, int step, int totalSteps, String message) {}

      @Override
      public void epoch(EpochRecord record) {}

      @Override
      public void warning(String message) {
        warnings.add(message);
      }
    };
    SentenceModel.Loading failed = SentenceModel.Loading.failed(
        "The sentence model all-MiniLM-L6-v2 could not start (UnsatisfiedLinkError: no "
            + "onnxruntime in java.library.path); ... or set sentence_model = false.");
    try (EmbeddingSpace space = SpaceTrainer.train(withNotes(200), Map.of(),
        SpaceOptions.fromMap(Map.of("epochs", "2")), monitor, () -> failed)) {
      assertTrue(warnings.contains(failed.failure()), warnings.toString());
      ColumnProfile note = profile(space, "NOTE");
      assertFalse(note.used());
      assertTrue(note.reason().contains("could not start"), note.reason());
      assertTrue(profile(space, "COLOUR").used());
      assertFalse(profile(space, "COLOUR").encoder().contains("sentence model"));
      assertEquals("auto (unavailable)", space.options().get("sentence_model"));
      for (String column : space.usedColumns()) {
        assertNull(encoder(space, column).sentences(), column);
      }
    }
  }

  private static ColumnProfile profile(EmbeddingSpace space, String name) {
    return space.columns().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
  }

  private static ColumnEncoder encoder(EmbeddingSpace space, String name) {
    ColumnEncoder e = space.encoders().get(space.usedColumns().indexOf(name));
    assertNotNull(e);
    return e;
  }
}
