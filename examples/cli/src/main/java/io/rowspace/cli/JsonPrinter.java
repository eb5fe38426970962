package io.rowspace.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;

/**
 * Writes each result set as one JSON array of objects keyed by column label, one object per line
 * so that large results stream and stay readable. Numbers are JSON numbers, booleans JSON
 * booleans, SQL NULL is {@code null}, SQL arrays (such as embeddings) are JSON arrays, and every
 * other value is its text as a JSON string.
 */
final class JsonPrinter implements ResultPrinter {
  private static final JsonFactory JSON = new JsonFactory();

  private final PrintStream out;

  JsonPrinter(PrintStream out) {
    this.out = out;
  }

  @Override
  public long print(ResultSet rs) throws SQLException {
    ResultSetMetaData meta = rs.getMetaData();
    int columns = meta.getColumnCount();
    String[] labels = new String[columns];
    int[] types = new int[columns];
    for (int c = 1; c <= columns; c++) {
      labels[c - 1] = meta.getColumnLabel(c);
      types[c - 1] = meta.getColumnType(c);
    }
    long rows = 0;
    out.print('[');
    while (rs.next()) {
      out.print(rows == 0 ? "\n" : ",\n");
      out.print(row(rs, labels, types));
      rows++;
    }
    out.print(rows == 0 ? "]\n" : "\n]\n");
    out.flush();
    return rows;
  }

  private static String row(ResultSet rs, String[] labels, int[] types) throws SQLException {
    StringWriter text = new StringWriter();
    try (JsonGenerator json = JSON.createGenerator(text)) {
      json.writeStartObject();
      for (int c = 1; c <= labels.length; c++) {
        json.writeFieldName(labels[c - 1]);
        writeCell(json, rs, c, types[c - 1]);
      }
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write JSON to memory", e);
    }
    return text.toString();
  }

  private static void writeCell(JsonGenerator json, ResultSet rs, int c, int type)
      throws SQLException, IOException {
    switch (type) {
      case Types.BOOLEAN:
      case Types.BIT: {
        boolean value = rs.getBoolean(c);
        if (rs.wasNull()) {
          json.writeNull();
        } else {
          json.writeBoolean(value);
        }
        return;
      }
      case Types.TINYINT:
      case Types.SMALLINT:
      case Types.INTEGER:
      case Types.BIGINT: {
        long value = rs.getLong(c);
        if (rs.wasNull()) {
          json.writeNull();
        } else {
          json.writeNumber(value);
        }
        return;
      }
      case Types.REAL:
      case Types.FLOAT:
      case Types.DOUBLE: {
        double value = rs.getDouble(c);
        if (rs.wasNull()) {
          json.writeNull();
        } else {
          json.writeNumber(value);
        }
        return;
      }
      case Types.DECIMAL:
      case Types.NUMERIC: {
        BigDecimal value = rs.getBigDecimal(c);
        if (value == null) {
          json.writeNull();
        } else {
          json.writeNumber(value);
        }
        return;
      }
      default:
        writeValue(json, rs.getObject(c));
    }
  }

  private static void writeValue(JsonGenerator json, Object value) throws SQLException, IOException {
    if (value == null) {
      json.writeNull();
    } else if (value instanceof Boolean) {
      json.writeBoolean((Boolean) value);
    } else if (value instanceof Integer || value instanceof Long || value instanceof Short
        || value instanceof Byte) {
      json.writeNumber(((Number) value).longValue());
    } else if (value instanceof Float || value instanceof Double) {
      json.writeNumber(((Number) value).doubleValue());
    } else if (value instanceof BigDecimal) {
      json.writeNumber((BigDecimal) value);
    } else if (value instanceof BigInteger) {
      json.writeNumber((BigInteger) value);
    } else if (value instanceof Array) {
      writeValue(json, ((Array) value).getArray());
    } else if (value instanceof Object[]) {
      json.writeStartArray();
      for (Object element : (Object[]) value) {
        writeValue(json, element);
      }
      json.writeEndArray();
    } else if (value instanceof float[] || value instanceof double[] || value instanceof int[]
        || value instanceof long[]) {
      int length = java.lang.reflect.Array.getLength(value);
      json.writeStartArray();
      for (int i = 0; i < length; i++) {
        writeValue(json, java.lang.reflect.Array.get(value, i));
      }
      json.writeEndArray();
    } else {
      json.writeString(CellText.of(value));
    }
  }
}
