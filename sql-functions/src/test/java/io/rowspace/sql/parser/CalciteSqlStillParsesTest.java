package io.rowspace.sql.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlDescribeSchema;
import org.apache.calcite.sql.SqlDescribeTable;
import org.apache.calcite.sql.SqlExplain;
import org.apache.calcite.sql.SqlExplainFormat;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Ordinary SQL parses as in Calcite, and the new keywords remain usable as names. */
class CalciteSqlStillParsesTest {

  @Test
  void newKeywordsAreStillColumnNames() {
    final SqlSelect select = assertInstanceOf(SqlSelect.class, RoundTrip.parse(
        "select embedding, target, job, space, spaces, predictor, predictors, refresh, cancel,"
            + " via, related, columns, tables, include, exclude, cascade, if from t"));
    assertEquals(17, select.getSelectList().size());
    assertEquals("EMBEDDING", select.getSelectList().get(0).toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "select embedding, target, job, space from t",
      "select * from embedding",
      "select t.target from predictors as t where t.job = 1",
      "select e.embedding from spaces e join columns c on e.via = c.related",
      "insert into job (target, cancel) values (1, 2)",
      "update predictor set target = 3 where refresh is null",
      "select if(a > 1, 'x', 'y') from t",
      "values (1)"})
  void ordinarySqlParses(String sql) {
    RoundTrip.parse(sql);
  }

  @Test
  void predictFunctionsWithNamedArguments() {
    final SqlSelect select = assertInstanceOf(SqlSelect.class, RoundTrip.parse(
        "select predict('p', age => 30, income => 1000.5), predict_proba('p', 'yes') from t"));
    final SqlBasicCall predict = assertInstanceOf(SqlBasicCall.class,
        select.getSelectList().get(0));
    assertEquals("PREDICT", predict.getOperator().getName());
    assertEquals(SqlKind.ARGUMENT_ASSIGNMENT, predict.operand(1).getKind());
  }

  @Test
  void tableFunction() {
    final SqlSelect select = assertInstanceOf(SqlSelect.class, RoundTrip.parse(
        "select * from table(similar_rows('s', 42, 5))"));
    assertEquals(SqlKind.COLLECTION_TABLE, select.getFrom().getKind());
  }

  @Test
  void explainOfQueriesIsCalcites() {
    final SqlExplain plain = assertInstanceOf(SqlExplain.class,
        RoundTrip.parse("explain plan for select * from t"));
    assertEquals(SqlKind.SELECT, plain.getExplicandum().getKind());
    final SqlExplain json = assertInstanceOf(SqlExplain.class,
        RoundTrip.parse("explain plan including all attributes with type as json for "
            + "select target from t"));
    assertEquals(SqlExplainFormat.JSON, json.getFormat());
    assertInstanceOf(SqlExplain.class, RoundTrip.parse("explain plan for insert into t values 1"));
  }

  @Test
  void describeOfTablesIsCalcites() {
    final SqlDescribeTable table = assertInstanceOf(SqlDescribeTable.class,
        RoundTrip.parse("describe table t"));
    assertEquals("T", table.getTable().getSimple());
    assertInstanceOf(SqlDescribeTable.class, RoundTrip.parse("describe customers target"));
    assertInstanceOf(SqlDescribeSchema.class, RoundTrip.parse("describe schema shop"));
    assertEquals("EMBEDDING", assertInstanceOf(SqlDescribeTable.class,
        RoundTrip.parse("describe table embedding")).getTable().getSimple());
    final SqlNode statement = RoundTrip.parse("describe statement select 1 from t");
    assertInstanceOf(SqlExplain.class, statement);
  }
}
