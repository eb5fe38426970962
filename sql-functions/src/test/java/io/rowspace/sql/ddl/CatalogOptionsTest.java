package io.rowspace.sql.ddl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Resolved options longer than the catalogs' {@code options} column (the inputs of a very wide
 * table, the scores of every blend tried) are stored shortened, never refused after training.
 */
class CatalogOptionsTest {

  @Test
  void optionsThatFitAreStoredWhole() {
    Map<String, String> options = Map.of("task", "binary", "tree_share", "0.5");
    assertEquals(options, SpaceOptionsReader.fromJson(SpaceOptionsReader.toJson(options)));
  }

  @Test
  void theLongestValuesAreShortenedUntilTheOptionsFit() {
    Map<String, String> options = new LinkedHashMap<>();
    options.put("task", "regression");
    options.put("tree_inputs", "COLUMN_,".repeat(600));
    options.put("blend_validation", "depth 4 trees 0.25, linear 0.50: 0.1234, ".repeat(60));
    String json = SpaceOptionsReader.toJson(options);
    assertTrue(json.length() <= SpaceOptionsReader.CATALOG_WIDTH, "length " + json.length());
    Map<String, String> stored = SpaceOptionsReader.fromJson(json);
    assertEquals("regression", stored.get("task"), "short values are kept whole");
    assertTrue(stored.get("tree_inputs").startsWith("COLUMN_,COLUMN_,")
        && stored.get("tree_inputs").endsWith("..."), stored.get("tree_inputs"));
    assertEquals(options.keySet(), stored.keySet());
  }
}
