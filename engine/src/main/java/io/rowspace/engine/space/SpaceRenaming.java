package io.rowspace.engine.space;

import io.rowspace.engine.data.Relation;
import io.rowspace.engine.data.Renaming;
import io.rowspace.engine.profile.ColumnProfile;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Renames a space for another database (an import with renamed tables or columns): the same
 * encoders, weights and provenance reading tables and columns under new names, and the map of
 * every name that changed, which a predictor of the space follows.
 */
final class SpaceRenaming {
  private SpaceRenaming() {
  }

  static EmbeddingSpace.Renamed renamed(EmbeddingSpace space, Renaming names, String rootTable) {
    UnaryOperator<String> root = c -> names.column(rootTable, c);
    Map<String, String> changes = new LinkedHashMap<>(names.columns().getOrDefault(rootTable,
        Map.of()));
    for (ColumnProfile p : space.columns()) {
      changes.put(p.name(), root.apply(p.name()));
    }
    RelatedTokens related = space.relatedTokens();
    RelatedTokens renamedRelated = related.renamed(names, rootTable);
    List<Relation> before = new ArrayList<>();
    related.relations().forEach(r -> before.addAll(r.flatten()));
    List<Relation> after = new ArrayList<>();
    renamedRelated.relations().forEach(r -> after.addAll(r.flatten()));
    for (int i = 0; i < before.size(); i++) {
      changes.put(before.get(i).name(), after.get(i).name());
      changes.put(before.get(i).name() + ".*", after.get(i).name() + ".*");
      List<String> old = before.get(i).summaryNames();
      List<String> now = after.get(i).summaryNames();
      for (int j = 0; j < old.size(); j++) {
        changes.put(old.get(j), now.get(j));
      }
    }
    Map<String, Double> bits = new LinkedHashMap<>();
    space.mutualInformationBits().forEach((name, value) ->
        bits.put(changes.getOrDefault(name, name), value));
    EmbeddingSpace renamed = new EmbeddingSpace(
        space.columns().stream().map(p -> p.withName(root.apply(p.name()))).toList(),
        space.rowEncoder().renamed(root), space.config(), renamedRelated, space.weights(),
        space.options(), space.epochs(), space.finalValidationLoss(), space.device(), space.seed(),
        space.rowsTrained(), space.trainSeconds(), space.timeline(), bits);
    return new EmbeddingSpace.Renamed(renamed, Collections.unmodifiableMap(changes));
  }
}
