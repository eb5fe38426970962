package io.rowspace.sql.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;

/**
 * How values are written to and read from catalog columns the same way by every store: doubles
 * that are not finite as NULL, lists of names as JSON text, long texts clipped to their column.
 */
final class CatalogValues {
  private static final ObjectMapper JSON = new ObjectMapper();

  private CatalogValues() {
  }

  /** NaN and infinities are stored as NULL: no backing database agrees on them. */
  static void setDouble(PreparedStatement ps, int index, double value) throws SQLException {
    if (Double.isFinite(value)) {
      ps.setDouble(index, value);
    } else {
      ps.setNull(index, Types.DOUBLE);
    }
  }

  /** A stored double, NaN for NULL. */
  static double getDouble(ResultSet rs, int index) throws SQLException {
    double value = rs.getDouble(index);
    return rs.wasNull() ? Double.NaN : value;
  }

  /** A text cut to a column's width, marked with "..." where it was cut. */
  static String clip(String text, int length) {
    return text == null || text.length() <= length ? text : text.substring(0, length - 3) + "...";
  }

  static String toJson(List<String> values) {
    try {
      return JSON.writeValueAsString(values);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A list of strings always serialises", e);
    }
  }

  static List<String> fromJson(String json) {
    if (json == null) {
      return List.of();
    }
    try {
      return JSON.readValue(json, new TypeReference<List<String>>() { });
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Catalog column holds malformed JSON: " + json, e);
    }
  }

  /** Runs a statement with one string argument on the caller's connection (its transaction). */
  static void execute(Connection connection, String sql, String argument) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      ps.setString(1, argument);
      ps.executeUpdate();
    }
  }
}
