package io.rowspace.sql.ddl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rowspace.error.ErrorCode;
import io.rowspace.sql.parser.SqlOption;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the {@code WITH (option = value, ...)} list of a statement into the text map the engine
 * validates. Options the SQL layer handles itself ({@code async}) are taken out here.
 */
final class SpaceOptionsReader {
  private static final ObjectMapper JSON = new ObjectMapper();

  private SpaceOptionsReader() {
  }

  static Map<String, String> read(List<SqlOption> options) throws SQLException {
    Map<String, String> values = new TreeMap<>();
    for (SqlOption option : options) {
      String key = option.key();
      if (values.put(key, option.valueAsString()) != null) {
        throw ErrorCode.OPTION_TWICE.exception(key);
      }
    }
    // Handled before the statement runs (BackgroundCommand): a job runs it as if it were not given.
    values.remove("async");
    return values;
  }

  /** Options stored by {@link #toJson}; none for null. */
  static Map<String, String> fromJson(String json) {
    if (json == null) {
      return Map.of();
    }
    try {
      return JSON.readValue(json, new TypeReference<TreeMap<String, String>>() { });
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Catalog options hold malformed JSON: " + json, e);
    }
  }

  /** Characters of the catalogs' {@code options} columns. */
  static final int CATALOG_WIDTH = 4000;

  /**
   * The options as the catalogs store them: JSON of at most {@link #CATALOG_WIDTH} characters.
   * When the resolved options are longer (the inputs of a very wide table, the scores of every
   * blend tried), the longest values are shortened, ending in "...", until they fit; the model
   * file keeps them whole.
   */
  static String toJson(Map<String, String> options) {
    TreeMap<String, String> stored = new TreeMap<>(options);
    String json = write(stored);
    while (json.length() > CATALOG_WIDTH) {
      Map.Entry<String, String> longest = null;
      for (Map.Entry<String, String> e : stored.entrySet()) {
        if (longest == null || e.getValue().length() > longest.getValue().length()) {
          longest = e;
        }
      }
      String value = longest.getValue();
      if (value.length() <= 3) {
        break;
      }
      int keep = Math.max(0, Math.min(value.length() / 2,
          value.length() - (json.length() - CATALOG_WIDTH)) - 3);
      stored.put(longest.getKey(), value.substring(0, keep) + "...");
      json = write(stored);
    }
    return json;
  }

  private static String write(Map<String, String> options) {
    try {
      return JSON.writeValueAsString(options);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A map of strings always serialises", e);
    }
  }
}
