package io.rowspace.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResultTableTest {
  private static DatasetResult result(String metric, double ours, double xgboost, double linear) {
    return new DatasetResult("d", "t", metric, 30, 10, null, ours, xgboost, linear, 0.02,
        Double.NaN, 10, 2, 1, 3, 0.1, 1L << 30, 2L << 30, List.of());
  }

  @Test
  void comparesWithTheBetterBaselineInTheMetricsDirection() {
    assertEquals("-0.020", ResultTable.gap(result("AUC", 0.80, 0.82, 0.75)));
    assertEquals("+10.0%", ResultTable.gap(result("RMSE", 550, 500, 1200)));
    assertEquals("—", ResultTable.gap(result("RMSE", Double.NaN, 500, 1200)));
  }

  @Test
  void formatsMetricsAndARowPerDataSet() {
    assertEquals("0.857", ResultTable.metric(0.85712));
    assertEquals("23,796", ResultTable.metric(23_795.6));
    String table = ResultTable.markdown(List.of(result("AUC", 0.8, 0.82, 0.75)));
    assertEquals(3, table.split("\n").length);
    assertTrue(table.contains("| 12.0 (10.0 + 2.0) |"), table);
    assertTrue(table.contains("| 1.00 GiB | 2.00 GiB |"), table);
  }
}
