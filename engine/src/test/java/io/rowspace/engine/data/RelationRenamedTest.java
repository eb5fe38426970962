package io.rowspace.engine.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A relation renamed for another database: a child reached twice ({@code TABLE VIA COLUMN}) with
 * a parent of its own, whose summary it rolls up, keeps its shape and follows every new name.
 */
class RelationRenamedTest {
  @Test
  void namesJoinColumnsSummariesAndRolledUpSummariesFollowTheNewNames() {
    Relation products = new Relation("PRODUCTS", "PRODUCTS", Relation.Kind.PARENT,
        List.of("PRODUCT_ID"), List.of("ID"), List.of(), List.of(), List.of(), List.of(),
        List.of(new RelatedSummary(RelatedSummary.Kind.IS, "CATEGORY", "premium", 0, 0, 0)));
    Relation orders = new Relation("ORDERS VIA BUYER_ID", "ORDERS", Relation.Kind.CHILD,
        List.of("ID"), List.of("BUYER_ID"), List.of("AMOUNT"), List.of("CHANNEL"),
        List.of("web"), List.of(products),
        List.of(new RelatedSummary(RelatedSummary.Kind.MIN, "AMOUNT", "", 0, 0, 0),
            new RelatedSummary(RelatedSummary.Kind.NESTED, "", "PRODUCTS.CATEGORY=premium.share",
                0, 0, 0)));
    Renaming lower = new Renaming(Map.of("ORDERS", "orders", "PRODUCTS", "products"),
        Map.of("CUSTOMERS", Map.of("ID", "id"),
            "ORDERS", Map.of("BUYER_ID", "buyer_id", "AMOUNT", "amount", "CHANNEL", "channel",
                "PRODUCT_ID", "product_id"),
            "PRODUCTS", Map.of("ID", "id", "CATEGORY", "category")));

    Relation renamed = orders.renamed(lower, "CUSTOMERS");

    assertEquals("orders VIA buyer_id", renamed.name());
    assertEquals("orders", renamed.table());
    assertEquals(List.of("id"), renamed.holderColumns());
    assertEquals(List.of("buyer_id"), renamed.tableColumns());
    Relation nested = renamed.nested().get(0);
    assertEquals(List.of("product_id"), nested.holderColumns());
    assertEquals(List.of("id"), nested.tableColumns());
    assertEquals(List.of("orders VIA buyer_id.count", "orders VIA buyer_id.empty",
        "orders VIA buyer_id.amount.mean", "orders VIA buyer_id.amount.max",
        "orders VIA buyer_id.channel=web.share", "orders VIA buyer_id.amount.min",
        "orders VIA buyer_id→products.category=premium.share"), renamed.summaryNames());
    assertEquals(orders.summaryWidth(), renamed.summaryWidth());
    assertEquals(orders, orders.renamed(new Renaming(Map.of(), Map.of()), "CUSTOMERS"),
        "no new names, the same relation");
  }
}
