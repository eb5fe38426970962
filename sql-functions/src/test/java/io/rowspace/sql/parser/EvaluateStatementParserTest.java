package io.rowspace.sql.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.junit.jupiter.api.Test;

/**
 * {@code EVALUATE PREDICTOR} parses, unparses and parses back to an equal tree, on a table or a
 * query, with or without options; {@code evaluate} stays usable as a name, and the rows argument
 * of the curve functions ({@code TABLE t} or a query) parses as Calcite parses it.
 */
class EvaluateStatementParserTest {

  @Test
  void evaluateOnATable() {
    final SqlEvaluatePredictor evaluate = assertInstanceOf(SqlEvaluatePredictor.class,
        RoundTrip.parse("evaluate predictor shop.churn on customers_2025"));
    assertEquals(List.of("SHOP", "CHURN"), evaluate.name().names);
    assertEquals("CUSTOMERS_2025", assertInstanceOf(SqlIdentifier.class, evaluate.source())
        .getSimple());
    assertTrue(evaluate.options().isEmpty());
    assertEquals(SqlKind.OTHER_DDL, evaluate.getKind());
  }

  @Test
  void evaluateOnAQueryWithOptions() {
    final SqlEvaluatePredictor evaluate = assertInstanceOf(SqlEvaluatePredictor.class,
        RoundTrip.parse("EVALUATE PREDICTOR churn ON (SELECT * FROM customers WHERE region = "
            + "'north' ORDER BY id) WITH (baselines = true)"));
    assertTrue(evaluate.source().getKind().belongsTo(SqlKind.QUERY));
    assertEquals("baselines", evaluate.options().get(0).key());
    assertEquals("true", evaluate.options().get(0).valueAsString());
  }

  @Test
  void evaluateIsStillAName() {
    final SqlNode query = RoundTrip.parse("select evaluate from evaluate");
    assertEquals(SqlKind.SELECT, query.getKind());
  }

  @Test
  void curveFunctionsTakeATableOrAQuery() {
    for (String sql : List.of(
        "select * from table(roc_curve('churn', table customers))",
        "select actual, predicted, row_count from table(confusion_matrix('churn', "
            + "(select * from customers where id > 10)))")) {
      assertEquals(SqlKind.SELECT, RoundTrip.parse(sql).getKind(), sql);
    }
  }
}
