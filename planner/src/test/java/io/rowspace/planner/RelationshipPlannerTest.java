package io.rowspace.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.SqlDialectFactoryImpl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Finding the tables related to a root on a real H2 schema: a shop where orders reference
 * customers and products, reviews reference orders, products reference suppliers, and a log
 * table has no declared key.
 */
class RelationshipPlannerTest {
  private Connection connection;
  private SchemaReader schema;
  private SqlDialect dialect;

  @BeforeEach
  void shop() throws SQLException {
    connection = DriverManager.getConnection("jdbc:h2:mem:relationships_" + System.nanoTime());
    try (Statement s = connection.createStatement()) {
      s.execute("CREATE TABLE suppliers (supplier_id INTEGER PRIMARY KEY, country VARCHAR(20))");
      s.execute("CREATE TABLE products (product_id INTEGER PRIMARY KEY, category VARCHAR(20), "
          + "price DOUBLE PRECISION, supplier_id INTEGER REFERENCES suppliers(supplier_id))");
      s.execute("CREATE TABLE customers (customer_id INTEGER PRIMARY KEY, region VARCHAR(10))");
      s.execute("CREATE TABLE orders (order_id INTEGER PRIMARY KEY, customer_id INTEGER "
          + "REFERENCES customers(customer_id), product_id INTEGER REFERENCES "
          + "products(product_id), amount DOUBLE PRECISION)");
      s.execute("CREATE TABLE reviews (review_id INTEGER PRIMARY KEY, order_id INTEGER "
          + "REFERENCES orders(order_id), stars INTEGER)");
      s.execute("CREATE TABLE visits (visit_id INTEGER PRIMARY KEY, customer_ref INTEGER, "
          + "seconds INTEGER)");
    }
    dialect = SqlDialectFactoryImpl.INSTANCE.create(connection.getMetaData());
    schema = new SchemaReader(connection, "PUBLIC", dialect);
  }

  @AfterEach
  void close() throws SQLException {
    connection.close();
  }

  private TableInfo table(String name) throws SQLException {
    return schema.findTable(null, name).orElseThrow();
  }

  private List<PlannedRelation> plan(String root, List<RelationshipPlanner.Include> includes)
      throws SQLException {
    return new RelationshipPlanner(schema, null).plan(table(root), includes, Set.of());
  }

  @Test
  void declaredKeysWithinTwoHopsFromTheRootAreFollowed() throws SQLException {
    List<PlannedRelation> relations = plan("CUSTOMERS", List.of());
    assertEquals(1, relations.size());
    PlannedRelation orders = relations.get(0);
    assertEquals("ORDERS", orders.table().name());
    assertEquals(PlannedRelation.Kind.CHILD, orders.kind());
    // Orders also reference products: a bridge between customers and products.
    assertEquals("N:M", orders.label());
    assertEquals(List.of("CUSTOMER_ID"), orders.holderColumns());
    assertEquals(List.of("CUSTOMER_ID"), orders.tableColumns());
    List<String> nested = orders.nested().stream()
        .map(r -> r.table().name() + " " + r.label()).toList();
    assertEquals(List.of("PRODUCTS N:1", "REVIEWS 1:N"), nested.stream().sorted().toList());
    PlannedRelation products = orders.nested().stream()
        .filter(r -> r.table().name().equals("PRODUCTS")).findFirst().orElseThrow();
    assertTrue(products.nested().isEmpty(), "suppliers are a third hop: " + products.nested());
    assertEquals(List.of("AMOUNT"), orders.summaryColumns());
  }

  @Test
  void parentsOfTheRootAreFollowedButNotTheirOtherChildren() throws SQLException {
    List<PlannedRelation> relations = plan("REVIEWS", List.of());
    assertEquals(1, relations.size());
    PlannedRelation orders = relations.get(0);
    assertEquals(PlannedRelation.Kind.PARENT, orders.kind());
    assertEquals("N:1", orders.label());
    assertEquals(List.of("ORDER_ID"), orders.holderColumns());
    List<String> grandParents = orders.nested().stream().map(r -> r.table().name()).sorted()
        .toList();
    assertEquals(List.of("CUSTOMERS", "PRODUCTS"), grandParents);
  }

  @Test
  void includeListsTablesAtAnyDepthAndViaNamesAnUndeclaredJoin() throws SQLException {
    List<PlannedRelation> relations = plan("CUSTOMERS", List.of(
        new RelationshipPlanner.Include("ORDERS", null),
        new RelationshipPlanner.Include("PRODUCTS", null),
        new RelationshipPlanner.Include("SUPPLIERS", null),
        new RelationshipPlanner.Include("VISITS", "CUSTOMER_REF")));
    assertEquals(List.of("ORDERS", "VISITS"),
        relations.stream().map(r -> r.table().name()).sorted().toList());
    PlannedRelation visits = relations.stream()
        .filter(r -> r.table().name().equals("VISITS")).findFirst().orElseThrow();
    assertEquals(PlannedRelation.Kind.CHILD, visits.kind());
    assertEquals(List.of("CUSTOMER_REF"), visits.tableColumns());
    assertFalse(visits.foreignKey().declared());
    PlannedRelation suppliers = relations.stream()
        .filter(r -> r.table().name().equals("ORDERS")).findFirst().orElseThrow()
        .nested().get(0).nested().get(0);
    assertEquals("SUPPLIERS", suppliers.table().name());
  }

  @Test
  void aListedTableWithNoPathToTheRootIsAnErrorThatNamesVia() throws SQLException {
    PlanningException e = assertThrows(PlanningException.class,
        () -> plan("CUSTOMERS", List.of(new RelationshipPlanner.Include("VISITS", null))));
    assertEquals("42S02", e.sqlState());
    assertTrue(e.getMessage().contains("INCLUDE (VISITS VIA column)"), e.getMessage());
  }

  @Test
  void theReadOfARelatedTableIsKeyedByParametersAndNeverJoins() throws SQLException {
    PlannedRelation orders = plan("CUSTOMERS", List.of()).get(0);
    String sql = new TrainingPlanner(dialect).relatedSelect(orders, 3);
    assertEquals("SELECT \"ORDER_ID\", \"CUSTOMER_ID\", \"PRODUCT_ID\", \"AMOUNT\"\n"
        + "FROM \"ORDERS\"\n"
        + "WHERE \"CUSTOMER_ID\" IN (?, ?, ?)\n"
        + "ORDER BY \"CUSTOMER_ID\", \"ORDER_ID\"", sql);
  }
}
