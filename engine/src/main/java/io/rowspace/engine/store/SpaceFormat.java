package io.rowspace.engine.store;

import io.rowspace.engine.encode.ColumnEncoder;
import io.rowspace.engine.encode.RowEncoder;
import io.rowspace.engine.nn.TabularTransformer;
import io.rowspace.engine.profile.ColumnProfile;
import io.rowspace.engine.space.EmbeddingSpace;
import io.rowspace.engine.space.EpochRecord;
import io.rowspace.engine.space.RelatedTokens;
import io.rowspace.engine.space.SpaceTokens;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The embedding space's versioned binary format, in a {@link ModelFile} container: {@link #write}
 * writes the current version, {@link #read} reads it and every older one. The parts a space is
 * made of (row encoder, transformer shape, related tables' tokens, epoch records) write and read
 * their own bodies; this class holds their order and what each version has or lacks.
 *
 * <p>Version 2 added timestamp, email and URL encoders, two slots and nine features per token,
 * and the mutual-information estimates; version 3 related tables; version 4 the semantic path
 * (the sentence vectors of known values, text encoders, sentence weights) and, per epoch, the
 * reconstruction loss, the objective's weights and the embeddings' health; version 5 the further
 * summaries of related rows (minimum, spread, distinct values, times since, rates, parents'
 * values, two-hop roll-ups; written only when a relation has them). Older spaces still load; the
 * training time is not saved (a loaded space reports NaN).
 */
public final class SpaceFormat {
  static final String MAGIC = "RSPS";
  /** The version {@link #write} writes. */
  public static final int VERSION = 5;

  private SpaceFormat() {}

  /** The space in the current version of the format. */
  public static byte[] write(EmbeddingSpace space) {
    TabularTransformer.Config config = space.config();
    return ModelFile.write(MAGIC, VERSION, out -> {
      out.writeLong(space.seed());
      out.writeInt(space.rowsTrained());
      out.writeInt(space.epochs());
      out.writeDouble(space.finalValidationLoss());
      ModelFile.writeText(out, space.device());
      ModelFile.writeMap(out, space.options());
      ModelFile.writeProfiles(out, space.columns());
      out.writeInt(config.features());
      out.writeInt(config.slots());
      out.writeInt(config.sentenceDim());
      space.rowEncoder().write(out);
      config.write(out);
      space.relatedTokens().write(out);
      ModelFile.writeFloats(out, space.weights());
      List<EpochRecord> timeline = space.timeline();
      out.writeInt(timeline.size());
      for (EpochRecord r : timeline) {
        r.write(out);
      }
      Map<String, Double> information = space.mutualInformationBits();
      out.writeInt(information.size());
      for (Map.Entry<String, Double> e : information.entrySet()) {
        ModelFile.writeText(out, e.getKey());
        out.writeDouble(e.getValue());
      }
    });
  }

  /** Loads a space saved by {@link #write}; corrupt bytes give an UNUSABLE_DATA error. */
  public static EmbeddingSpace read(byte[] bytes) {
    return ModelFile.read(bytes, MAGIC, VERSION, "embedding space", (in, version) -> {
      long seed = in.readLong();
      int rowsTrained = in.readInt();
      int epochs = in.readInt();
      double loss = in.readDouble();
      double seconds = Double.NaN;
      String device = ModelFile.readText(in);
      Map<String, String> options = ModelFile.readMap(in);
      List<ColumnProfile> profiles = ModelFile.readProfiles(in);
      // Version 1 wrote no token-input widths: it had one slot and three features per token.
      int features = version == 1 ? ColumnEncoder.LEGACY_FEATURES : in.readInt();
      int slots = version == 1 ? ColumnEncoder.LEGACY_SLOTS : in.readInt();
      if (features < 1 || features > ColumnEncoder.FEATURES || slots < 1
          || slots > ColumnEncoder.SLOTS) {
        throw new IOException("invalid token inputs: " + features + " features, " + slots
            + " slots");
      }
      int sentenceDim = version >= 4 ? in.readInt() : 0;
      RowEncoder encoder = RowEncoder.read(in, slots, features);
      TabularTransformer.Config config =
          TabularTransformer.Config.read(in, features, slots, sentenceDim);
      if (config.columns() != encoder.columnCount()
          || config.vocabulary() != encoder.vocabularySize()
          || config.sentenceDim() != encoder.sentenceDimension()) {
        throw new IOException("transformer shape does not match the column encoders");
      }
      RelatedTokens related = version >= 3 ? RelatedTokens.read(in) : RelatedTokens.none();
      float[] params = ModelFile.readFloats(in);
      int n = in.readInt();
      if (n < 0 || n > 1_000_000) {
        throw new IOException("invalid timeline length " + n);
      }
      List<EpochRecord> timeline = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        // Version 4 added the reconstruction loss, the objective's weights and the health of the
        // embeddings; older epochs have none.
        timeline.add(EpochRecord.read(in, version >= 4));
      }
      if (params.length != SpaceTokens.layout(config, related).size()) {
        throw new IOException("weight count " + params.length + " does not match the shape");
      }
      Map<String, Double> information = new LinkedHashMap<>();
      if (version >= 2) {
        int columns = in.readInt();
        if (columns < 0 || columns > encoder.columnCount() + related.count()) {
          throw new IOException("invalid count of information estimates " + columns);
        }
        for (int i = 0; i < columns; i++) {
          information.put(ModelFile.readText(in), in.readDouble());
        }
      }
      return new EmbeddingSpace(profiles, encoder, config, related, params, options, epochs,
          loss, device, seed, rowsTrained, seconds, timeline, information);
    });
  }
}
