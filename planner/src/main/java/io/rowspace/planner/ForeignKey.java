package io.rowspace.planner;

import java.util.List;

/**
 * A foreign key: columns of the referencing table that hold the key of the referenced table.
 * Declared ones come from the database's metadata; {@code INCLUDE (t VIA column)} adds undeclared
 * ones.
 *
 * @param name the constraint name, or {@code VIA column} for an undeclared key
 * @param table the referencing table (the "many" side)
 * @param columns its referencing columns
 * @param referencedTable the referenced table (the "one" side)
 * @param referencedColumns the referenced key columns, in the same order
 * @param declared whether the database declares the constraint
 */
public record ForeignKey(String name, String table, List<String> columns, String referencedTable,
    List<String> referencedColumns, boolean declared) {

  public ForeignKey {
    columns = List.copyOf(columns);
    referencedColumns = List.copyOf(referencedColumns);
  }

  /** {@code ORDERS.CUSTOMER_ID -> CUSTOMERS.ID}, for messages. */
  public String describe() {
    return table + "(" + String.join(", ", columns) + ") -> " + referencedTable + "("
        + String.join(", ", referencedColumns) + ")";
  }
}
