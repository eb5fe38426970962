package io.rowspace.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SharedDatasetTest {
  @Test
  void readsTheColumnsOfOneTableAndMarksItsKeys() throws IOException {
    String schema = "-- comment\nCREATE TABLE persons (\n  person_id INTEGER NOT NULL,\n"
        + "  gender VARCHAR,\n  education INTEGER,\n  PRIMARY KEY (person_id)\n);\n"
        + "CREATE TABLE person_years (\n  person_id INTEGER,\n  wage INTEGER,\n"
        + "  FOREIGN KEY (person_id) REFERENCES persons(person_id)\n);\n";
    List<SharedDataset.Column> columns = SharedDataset.columnsOf(schema, "persons", Path.of("."));
    assertEquals(3, columns.size());
    assertEquals(new SharedDataset.Column("person_id", "INTEGER NOT NULL", true), columns.get(0));
    assertTrue(columns.get(1).categorical());
    assertFalse(columns.get(2).categorical());
    assertFalse(columns.get(2).key());
  }
}
