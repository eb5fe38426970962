package io.rowspace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Records as Apache Commons CSV reads them in a dialect, and delimiter detection. */
class CsvDialectTest {
  @TempDir
  Path dir;

  @Test
  void readsQuotedFieldsLineBreaksAndNulls() throws IOException {
    try (CsvRecords reader = CsvDialect.RFC_4180.open(new StringReader(
        "\uFEFFa,\"b,c\",\"d \"\"e\"\"\"\r\n\n,\"\",\"x\r\ny\"\nlast,"))) {
      assertEquals(List.of("a", "b,c", "d \"e\""), reader.next());
      assertEquals(Arrays.asList(null, "", "x\r\ny"), reader.next());
      assertEquals(Arrays.asList("last", null), reader.next());
      assertNull(reader.next());
    }
  }

  @Test
  void nullTokensAreNull() throws IOException {
    try (CsvRecords reader = new CsvDialect(';', '\'', Set.of("NA", "-")).open(
        new StringReader("NA;'NA';x;-;'a;b'\n"))) {
      assertEquals(Arrays.asList(null, null, "x", null, "a;b"), reader.next());
    }
  }

  @Test
  void anUnclosedQuoteIsAnError() throws IOException {
    CsvRecords reader = CsvDialect.RFC_4180.open(new StringReader("a,\"b\n"));
    IOException e = assertThrows(IOException.class, reader::next);
    assertEquals(true, e.getMessage().startsWith("Record 1 (line "), e.getMessage());
  }

  @Test
  void detectsCommaSemicolonTabAndPipe() throws IOException {
    for (char d : new char[] {',', ';', '\t', '|'}) {
      String other = d == ',' ? ";" : ",";
      Path csv = Files.writeString(dir.resolve("f.csv"), String.join("\n",
          "name" + d + "price" + d + "note",
          "\"Ann" + d + " Jr\"" + d + "1" + other + "5" + d + "x",
          "Bob" + d + "2" + d + "y" + other + "z"));
      assertEquals(d, CsvDialect.detectDelimiter(csv, '"'), CsvDialect.name(d));
    }
    Path single = Files.writeString(dir.resolve("one.csv"), "name\nAnn\n");
    assertEquals(',', CsvDialect.detectDelimiter(single, '"'));
  }

  @Test
  void theBundledDemoDataHasTheExpectedShape() throws IOException {
    try (CsvRecords reader = CsvDialect.RFC_4180.open(new InputStreamReader(
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
