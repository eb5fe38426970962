package io.rowspace.engine.space.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

import io.rowspace.engine.DirectMemory;
import io.rowspace.engine.EngineRuntime;
import io.rowspace.engine.data.ColumnSchema;
import io.rowspace.engine.data.Frame;
import io.rowspace.engine.data.RowOrder;
import io.rowspace.engine.encode.ColumnEncoder;
import io.rowspace.engine.encode.EncodedRows;
import io.rowspace.engine.encode.RowEncoder;
import io.rowspace.engine.nn.GradientRecording;
import io.rowspace.engine.nn.ParameterLayout;
import io.rowspace.engine.nn.TabularTransformer;
import io.rowspace.engine.profile.ColumnProfile;
import io.rowspace.engine.profile.ColumnProfiler;
import io.rowspace.engine.space.RelatedTablesSpaceTest;
import io.rowspace.engine.space.RelatedTokens;
import io.rowspace.engine.space.SpaceTokens;
import io.rowspace.engine.space.TrainingMonitor;

import org.junit.jupiter.api.Test;

import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A garbage collection between the forward and the backward pass of a training step changes no
 * bit of the gradient. The JVM collects whenever it likes, so anything the backward pass reads
 * must be owned by PyTorch or by an open manager; once, the scalars of {@code x.mul(4f)} and the
 * like were not, and two trainings with the same seed occasionally gave different weights.
 */
class CollectionDuringTrainingTest {

  private static Frame table() {
    List<ColumnSchema> schema = List.of(
        new ColumnSchema("KIND", Types.VARCHAR, "VARCHAR"),
        new ColumnSchema("SIZE", Types.DOUBLE, "DOUBLE"),
        new ColumnSchema("COLOUR", Types.VARCHAR, "VARCHAR"),
        new ColumnSchema("WEIGHT", Types.DOUBLE, "DOUBLE"));
    String[] kinds = {"a", "b", "c", "d"};
    String[] colours = {"red", "green", "blue"};
    Random random = new Random(7);
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < 96; i++) {
      int k = random.nextInt(kinds.length);
      rows.add(new Object[] {kinds[k], k + random.nextGaussian(), colours[random.nextInt(3)],
          random.nextGaussian()});
    }
    return Frame.ofRows(schema, rows);
  }

  @Test
  void aCollectionBetweenForwardAndBackwardChangesNoBitOfTheGradient() {
    assertCollectionChangesNothing(table());
  }

  @Test
  void aCollectionChangesNoBitOfTheGradientOfRelatedTableTokens() {
    assertCollectionChangesNothing(RelatedTablesSpaceTest.customers(96, 3));
  }

  private static void assertCollectionChangesNothing(Frame data) {
    List<ColumnEncoder> encoders = new ArrayList<>();
    for (ColumnProfile p : ColumnProfiler.profile(data, Map.of("ID", "row key"))) {
      if (p.used()) {
        encoders.add(ColumnEncoder.fit(p, data.column(data.indexOf(p.name()))));
      }
    }
    RowEncoder encoder = new RowEncoder(encoders);
    EncodedRows encoded = encoder.encode(data);
    TabularTransformer.Config config = new TabularTransformer.Config(encoder.columnCount(),
        encoder.vocabularySize(), 16, 1, 2, 16, encoder.features(), encoder.slots());
    RelatedTokens related = data.related().isEmpty() ? RelatedTokens.none()
        : RelatedTokens.fit(data.related(), TrainingMonitor.NONE);
    List<RelatedTokens.Encoded> relatedRows = related.encode(data);
    ParameterLayout layout = TrainingLoop.trainingLayout(config, related);
    MaskedViewObjective objective =
        new MaskedViewObjective(config, related, ScalarTargets.of(encoder));
    Random random = new Random(1);
    float[] initial = layout.initialise(random);
    try (NDManager model = NDManager.newBaseManager(EngineRuntime.ensureStarted())) {
      NDArray parameters = model.create(initial);
      parameters.setRequiresGradient(true);
      for (int round = 0; round < 3; round++) {
        int[] rows = Arrays.copyOf(RowOrder.shuffled(data.rowCount(), random), 32);
        SpaceTokens.Batch batch =
            SpaceTokens.Batch.of(encoded, relatedRows, rows);
        float[] mask = MaskedViewObjective.drawMask(rows.length, objective.tokens(), random);
        float[] quiet = gradient(layout, objective, parameters, model, batch, mask, false);
        float[] collected = gradient(layout, objective, parameters, model, batch, mask, true);
        assertArrayEquals(quiet, collected, "round " + round);
      }
    }
  }

  private static float[] gradient(ParameterLayout layout, MaskedViewObjective objective,
      NDArray parameters, NDManager model, SpaceTokens.Batch batch, float[] mask,
      boolean collect) {
    try (NDManager scope = model.newSubManager();
        GradientRecording collector = GradientRecording.start()) {
      MaskedViewObjective.Terms terms =
          objective.compute(layout.views(parameters, scope), scope, batch, mask,
              new Curriculum(0.2, TrainingLoop.SPREAD_WEIGHT, 10).at(1));
      assertNotNull(terms.reconstruction(), "the numeric columns are reconstructed");
      if (collect) {
        DirectMemory.release();
      }
      collector.backward(terms.total());
    }
    try (NDManager scope = model.newSubManager()) {
      NDArray grad = parameters.getGradient();
      grad.attach(scope);
      float[] values = grad.toFloatArray();
      JniUtils.zeroGrad((PtNDArray) parameters);
      return values;
    }
  }
}
