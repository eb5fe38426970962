package io.rowspace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 4180 records, including the corner cases the RFC allows. */
class CsvReaderTest {
  @Test
  void readsQuotedFieldsLineBreaksAndNulls() throws IOException {
    try (CsvReader reader = new CsvReader(new StringReader(
        "a,\"b,c\",\"d \"\"e\"\"\"\r\n\n,\"\",\"x\r\ny\"\nlast,"))) {
      assertEquals(List.of("a", "b,c", "d \"e\""), reader.next());
      assertEquals(Arrays.asList(null, "", "x\r\ny"), reader.next());
      assertEquals(Arrays.asList("last", null), reader.next());
      assertNull(reader.next());
    }
  }

  @Test
  void anUnclosedQuoteIsAnError() {
    CsvReader reader = new CsvReader(new StringReader("a,\"b\n"));
    assertThrows(IOException.class, reader::next);
  }

  @Test
  void theBundledDemoDataHasTheExpectedShape() throws IOException {
    try (CsvReader reader = new CsvReader(new InputStreamReader(
        CreditDemo.class.getResourceAsStream(CreditDemo.DATA_RESOURCE), StandardCharsets.UTF_8))) {
      assertEquals(CreditDemo.COLUMNS, reader.next());
      int rows = 0;
      int bad = 0;
      for (List<String> record = reader.next(); record != null; record = reader.next()) {
        assertEquals(CreditDemo.COLUMNS.size(), record.size());
        for (int c = 0; c < record.size(); c++) {
          String value = record.get(c);
          if (value != null) {
            assertEquals(true, CreditDemo.TYPES.get(c).accepts(value), value);
          }
        }
        bad += "bad".equals(record.get(0)) ? 1 : 0;
        rows++;
      }
      assertEquals(4454, rows);
      assertEquals(1254, bad);
    }
  }
}
