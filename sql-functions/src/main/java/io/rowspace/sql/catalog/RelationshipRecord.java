package io.rowspace.sql.catalog;

/**
 * One row of {@code ROWSPACE.RELATIONSHIPS}: a join of a space, as validated before training.
 *
 * @param parentTable the referenced table
 * @param childTable the referencing table
 * @param kind {@code 1:N}, {@code N:1} or {@code N:M}, seen from the table nearer the root
 * @param joinColumns the join as text, e.g. {@code ORDERS.CUSTOMER_ID = CUSTOMERS.ID}
 * @param coverage share of child rows whose key matches a parent row
 * @param meanFanout child rows per referenced parent row
 * @param maxFanout the most child rows of one parent row
 * @param warnings findings, separated by {@code "; "}, or null
 */
public record RelationshipRecord(String parentTable, String childTable, String kind,
    String joinColumns, double coverage, double meanFanout, long maxFanout, String warnings) {
}
