package io.rowspace.sql.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The reasons {@code SPACE_COLUMNS} gives for a column left out name the related table as the
 * importing database spells it.
 */
class RenamedModelsTest {
  private static final Map<String, String> NAMES = Map.of("ORDERS", "orders",
      "ORDERS VIA BUYER_ID", "orders VIA buyer_id", "ID", "id");

  @Test
  void aJoinColumnsReasonNamesTheRenamedRelation() {
    assertEquals("join column of orders (its row is a token of the space)",
        RenamedModels.reason("join column of ORDERS (its row is a token of the space)", NAMES));
    assertEquals("join column of orders VIA buyer_id",
        RenamedModels.reason("join column of ORDERS VIA BUYER_ID", NAMES));
    assertEquals("row key (identifies rows; used by SIMILAR_ROWS)",
        RenamedModels.reason("row key (identifies rows; used by SIMILAR_ROWS)", NAMES));
    assertEquals("join column of PAYMENTS", RenamedModels.reason("join column of PAYMENTS",
        NAMES));
    assertNull(RenamedModels.reason(null, NAMES));
  }
}
