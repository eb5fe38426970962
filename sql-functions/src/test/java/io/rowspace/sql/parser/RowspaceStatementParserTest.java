package io.rowspace.sql.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.util.Litmus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every Rowspace statement form of SPEC section 3 parses, and unparses to SQL that re-parses. */
class RowspaceStatementParserTest {

  @Test
  void createEmbeddingSpaceWithEveryClause() {
    final SqlCreateEmbeddingSpace create = assertInstanceOf(SqlCreateEmbeddingSpace.class,
        RoundTrip.parse("create or replace embedding space if not exists shop.customer_space\n"
            + "  on shop.customers\n"
            + "  include (orders, order_items via order_id, shop.products)\n"
            + "  exclude columns (customers.email, phone)\n"
            + "  with (epochs = 20, learning_rate = 0.001, device = cpu, async = true)"));
    assertEquals(List.of("SHOP", "CUSTOMER_SPACE"), create.name().names);
    assertTrue(create.replace());
    assertTrue(create.ifNotExists());
    assertEquals(List.of("SHOP", "CUSTOMERS"), create.rootTable().names);
    final List<SqlInclude> includes = create.includes();
    assertEquals(3, includes.size());
    assertEquals("ORDERS", includes.get(0).table().toString());
    assertNull(includes.get(0).via());
    assertEquals("ORDER_ITEMS", includes.get(1).table().toString());
    assertEquals("ORDER_ID", includes.get(1).via().getSimple());
    assertEquals(List.of("SHOP", "PRODUCTS"), includes.get(2).table().names);
    assertFalse(create.noRelatedTables());
    assertEquals(List.of("CUSTOMERS.EMAIL", "PHONE"),
        create.excludedColumns().stream().map(SqlIdentifier::toString).toList());
    assertEquals(List.of("epochs", "learning_rate", "device", "async"),
        create.options().stream().map(SqlOption::key).toList());
    assertEquals(List.of("20", "0.001", "cpu", "true"),
        create.options().stream().map(SqlOption::valueAsString).toList());
  }

  @Test
  void createEmbeddingSpaceWithDefaults() {
    final SqlCreateEmbeddingSpace create = assertInstanceOf(SqlCreateEmbeddingSpace.class,
        RoundTrip.parse("CREATE EMBEDDING SPACE s ON customers"));
    assertEquals("S", create.name().getSimple());
    assertFalse(create.replace());
    assertFalse(create.ifNotExists());
    assertEquals("CUSTOMERS", create.rootTable().getSimple());
    assertEquals(List.of(), create.includes());
    assertFalse(create.noRelatedTables());
    assertEquals(List.of(), create.excludedColumns());
    assertEquals(List.of(), create.options());
    assertEquals("CREATE EMBEDDING SPACE `S` ON `CUSTOMERS`", create.toString());
  }

  @Test
  void createEmbeddingSpaceWithoutRelatedTables() {
    final SqlCreateEmbeddingSpace create = assertInstanceOf(SqlCreateEmbeddingSpace.class,
        RoundTrip.parse("create embedding space s on customers include no related tables "
            + "with (seed = 7)"));
    assertTrue(create.noRelatedTables());
    assertEquals(List.of(), create.includes());
    assertEquals("7", create.options().get(0).valueAsString());
  }

  @Test
  void createEmbeddingSpaceOnlyExcludingColumns() {
    final SqlCreateEmbeddingSpace create = assertInstanceOf(SqlCreateEmbeddingSpace.class,
        RoundTrip.parse("create embedding space s on customers exclude columns (ssn)"));
    assertEquals("SSN", create.excludedColumns().get(0).getSimple());
  }

  @Test
  void flagsTakePartInEquality() {
    final SqlNode plain = RoundTrip.parse("create embedding space s on t");
    for (String other : List.of("create or replace embedding space s on t",
        "create embedding space if not exists s on t",
        "create embedding space s on t include no related tables")) {
      assertFalse(plain.equalsDeep(RoundTrip.parse(other), Litmus.IGNORE), other);
    }
  }

  @Test
  void createPredictor() {
    final SqlCreatePredictor create = assertInstanceOf(SqlCreatePredictor.class,
        RoundTrip.parse("create or replace predictor if not exists churn on embedding space s "
            + "target churned with (positive_label = 'yes', loss = focal, fine_tune = auto)"));
    assertEquals("CHURN", create.name().getSimple());
    assertTrue(create.replace());
    assertTrue(create.ifNotExists());
    assertEquals("S", create.space().getSimple());
    assertEquals("CHURNED", create.target().getSimple());
    assertEquals(List.of("yes", "focal", "auto"),
        create.options().stream().map(SqlOption::valueAsString).toList());
  }

  @Test
  void createPredictorWithoutEmbeddingSpaceWords() {
    final SqlNode shortForm = RoundTrip.parse("CREATE PREDICTOR p ON s TARGET y");
    final SqlCreatePredictor create = assertInstanceOf(SqlCreatePredictor.class, shortForm);
    assertFalse(create.replace());
    assertFalse(create.ifNotExists());
    assertEquals(List.of(), create.options());
    assertTrue(shortForm.equalsDeep(
        RoundTrip.parse("CREATE PREDICTOR p ON EMBEDDING SPACE s TARGET y"), Litmus.THROW));
  }

  @Test
  void dropEmbeddingSpace() {
    final SqlDropEmbeddingSpace plain = assertInstanceOf(SqlDropEmbeddingSpace.class,
        RoundTrip.parse("drop embedding space s"));
    assertEquals("S", plain.name().getSimple());
    assertFalse(plain.ifExists());
    assertFalse(plain.cascade());
    final SqlDropEmbeddingSpace full = assertInstanceOf(SqlDropEmbeddingSpace.class,
        RoundTrip.parse("drop embedding space if exists shop.s cascade"));
    assertEquals(List.of("SHOP", "S"), full.name().names);
    assertTrue(full.ifExists());
    assertTrue(full.cascade());
    assertFalse(plain.equalsDeep(RoundTrip.parse("drop embedding space s cascade"),
        Litmus.IGNORE));
  }

  @Test
  void dropPredictor() {
    final SqlDropPredictor plain = assertInstanceOf(SqlDropPredictor.class,
        RoundTrip.parse("drop predictor churn"));
    assertEquals("CHURN", plain.name().getSimple());
    assertFalse(plain.ifExists());
    final SqlDropPredictor ifExists = assertInstanceOf(SqlDropPredictor.class,
        RoundTrip.parse("drop predictor if exists churn"));
    assertTrue(ifExists.ifExists());
    assertFalse(plain.equalsDeep(ifExists, Litmus.IGNORE));
  }

  @Test
  void ifIsStillAName() {
    assertEquals("IF", assertInstanceOf(SqlDropPredictor.class,
        RoundTrip.parse("drop predictor if")).name().getSimple());
    assertEquals("IF", assertInstanceOf(SqlCreatePredictor.class,
        RoundTrip.parse("create predictor if on s target y")).name().getSimple());
  }

  @Test
  void showStatements() {
    assertInstanceOf(SqlShowEmbeddingSpaces.class, RoundTrip.parse("show embedding spaces"));
    assertInstanceOf(SqlShowPredictors.class, RoundTrip.parse("SHOW PREDICTORS"));
  }

  @Test
  void describeStatements() {
    assertEquals("S", assertInstanceOf(SqlDescribeEmbeddingSpace.class,
        RoundTrip.parse("describe embedding space s")).name().getSimple());
    assertEquals("P", assertInstanceOf(SqlDescribePredictor.class,
        RoundTrip.parse("describe predictor p")).name().getSimple());
  }

  @Test
  void refreshEmbeddingSpace() {
    assertEquals(List.of("SHOP", "S"), assertInstanceOf(SqlRefreshEmbeddingSpace.class,
        RoundTrip.parse("refresh embedding space shop.s")).name().names);
  }

  @Test
  void cancelJob() {
    final SqlCancelJob cancel = assertInstanceOf(SqlCancelJob.class,
        RoundTrip.parse("cancel job 'job-42 of ''s'''"));
    assertEquals("job-42 of 's'", cancel.jobId());
  }

  @Test
  void explainCreateEmbeddingSpace() {
    final SqlExplainEmbeddingSpace explain = assertInstanceOf(SqlExplainEmbeddingSpace.class,
        RoundTrip.parse("explain plan for create embedding space s on customers "
            + "include (orders) with (max_rows = 1000)"));
    assertEquals("S", explain.create().name().getSimple());
    assertEquals("1000", explain.create().options().get(0).valueAsString());
    assertTrue(assertInstanceOf(SqlExplainEmbeddingSpace.class,
        RoundTrip.parse("EXPLAIN PLAN FOR CREATE OR REPLACE EMBEDDING SPACE s ON t"))
        .create().replace());
  }

  @Test
  void rollbackToVersion() {
    final SqlRollbackModel predictor = assertInstanceOf(SqlRollbackModel.class,
        RoundTrip.parse("alter predictor churn rollback to version 3"));
    assertEquals(SqlModelKind.PREDICTOR, predictor.kind());
    assertEquals("CHURN", predictor.name().getSimple());
    assertEquals(3, predictor.version().intValue(true));
    final SqlRollbackModel space = assertInstanceOf(SqlRollbackModel.class,
        RoundTrip.parse("ALTER EMBEDDING SPACE shop.s ROLLBACK TO VERSION 12"));
    assertEquals(SqlModelKind.EMBEDDING_SPACE, space.kind());
    assertEquals(List.of("SHOP", "S"), space.name().names);
    assertFalse(predictor.equalsDeep(
        RoundTrip.parse("alter predictor churn rollback to version 4"), Litmus.IGNORE));
  }

  @Test
  void addColumns() {
    final SqlContinueTraining add = assertInstanceOf(SqlContinueTraining.class,
        RoundTrip.parse("alter embedding space shop add columns (engagement, \"Region\") "
            + "with (epochs = 4, refit_predictors = true)"));
    assertEquals("SHOP", add.name().getSimple());
    assertEquals(List.of("ENGAGEMENT", "Region"),
        add.columns().stream().map(SqlIdentifier::getSimple).toList());
    assertEquals(List.of("epochs", "refit_predictors"),
        add.options().stream().map(SqlOption::key).toList());
    assertEquals(List.of(), assertInstanceOf(SqlContinueTraining.class,
        RoundTrip.parse("ALTER EMBEDDING SPACE s ADD COLUMNS (c)")).options());
    assertFalse(add.refresh());
    final SqlContinueTraining refresh = assertInstanceOf(SqlContinueTraining.class,
        RoundTrip.parse("alter embedding space shop refresh with (epochs = 2)"));
    assertTrue(refresh.refresh());
    assertEquals(List.of(), refresh.columns());
    assertTrue(RoundTrip.parse("ALTER EMBEDDING SPACE s REFRESH").toString().endsWith("REFRESH"));
  }

  @Test
  void exportAndImport() {
    final SqlExportModel export = assertInstanceOf(SqlExportModel.class,
        RoundTrip.parse("export predictor churn to '/tmp/churn''s.rowspace'"));
    assertEquals(SqlModelKind.PREDICTOR, export.kind());
    assertEquals("/tmp/churn's.rowspace", export.file().getValueAs(String.class));
    assertEquals(SqlModelKind.EMBEDDING_SPACE, assertInstanceOf(SqlExportModel.class,
        RoundTrip.parse("EXPORT EMBEDDING SPACE s TO 'shop.rowspace'")).kind());
    final SqlImportModel unnamed = assertInstanceOf(SqlImportModel.class,
        RoundTrip.parse("import predictor from 'churn.rowspace'"));
    assertNull(unnamed.name());
    assertFalse(unnamed.replace());
    final SqlImportModel named = assertInstanceOf(SqlImportModel.class,
        RoundTrip.parse("IMPORT OR REPLACE EMBEDDING SPACE shop_copy FROM 'shop.rowspace'"));
    assertEquals("SHOP_COPY", named.name().getSimple());
    assertTrue(named.replace());
    assertEquals(SqlModelKind.EMBEDDING_SPACE, named.kind());
    assertFalse(unnamed.equalsDeep(
        RoundTrip.parse("import or replace predictor from 'churn.rowspace'"), Litmus.IGNORE));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "alter predictor p rollback to version 1",
      "alter embedding space s rollback to version 2",
      "alter embedding space s add columns (c)",
      "alter embedding space s refresh",
      "export predictor p to 'f'",
      "import or replace embedding space s from 'f'",
      "create embedding space s on t",
      "create predictor p on s target y",
      "drop embedding space s",
      "drop predictor p",
      "show embedding spaces",
      "show predictors",
      "describe embedding space s",
      "describe predictor p",
      "refresh embedding space s",
      "explain plan for create embedding space s on t",
      "cancel job 'j'"})
  void everyStatementIsDdl(String sql) {
    final SqlNode node = RoundTrip.parse(sql);
    assertEquals(SqlKind.OTHER_DDL, node.getKind());
    assertTrue(node.getKind().belongsTo(SqlKind.DDL));
  }

  @Test
  void unquotedNamesFoldAsTheDatabaseDoes() {
    final SqlCreateEmbeddingSpace lower = assertInstanceOf(SqlCreateEmbeddingSpace.class,
        RoundTrip.parseLowerCase("CREATE EMBEDDING SPACE Shop.Space1 ON \"Customers\" "
            + "INCLUDE (Orders VIA Customer_Id) WITH (EPOCHS = 3)"));
    assertEquals(List.of("shop", "space1"), lower.name().names);
    assertEquals("Customers", lower.rootTable().getSimple());
    assertEquals("orders", lower.includes().get(0).table().getSimple());
    assertEquals("customer_id", lower.includes().get(0).via().getSimple());
    assertEquals("epochs", lower.options().get(0).key());
    final SqlCreateEmbeddingSpace upper = assertInstanceOf(SqlCreateEmbeddingSpace.class,
        RoundTrip.parse("CREATE EMBEDDING SPACE \"mySpace\" ON customers"));
    assertEquals("mySpace", upper.name().getSimple());
    assertEquals("CUSTOMERS", upper.rootTable().getSimple());
  }

  @Test
  void everyFormRoundTripsUnderLowerCaseFolding() {
    for (String sql : List.of(
        "create or replace embedding space if not exists s on t include (a via b, c) "
            + "exclude columns (t.x) with (device = cpu, learning_rate = -0.5)",
        "create predictor p on embedding space s target y with (task = 'regression')",
        "drop embedding space if exists s cascade",
        "describe predictor p",
        "explain plan for create embedding space s on t include no related tables")) {
      RoundTrip.parseLowerCase(sql);
    }
  }
}
