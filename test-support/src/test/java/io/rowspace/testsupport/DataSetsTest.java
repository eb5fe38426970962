package io.rowspace.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The repository's data sets read as the tests expect. */
class DataSetsTest {
  @Test
  void quotedFieldsKeepTheirCommasAndQuotes() {
    assertEquals(List.of("a", "b, c", "say \"hi\"", ""), DataSets.fields("a,\"b, c\",\"say \"\"hi\"\"\","));
  }

  @Test
  void penguinsHasItsHeaderAndEveryRow() {
    DataSets.CsvTable penguins = DataSets.csv("penguins", "penguins");
    assertEquals("species", penguins.header().get(0));
    assertEquals(344, penguins.rows().size());
    assertTrue(penguins.rows().stream().allMatch(r -> r.size() == penguins.header().size()));
    assertTrue(DataSets.schema("penguins").contains("CREATE TABLE penguins"));
  }
}
