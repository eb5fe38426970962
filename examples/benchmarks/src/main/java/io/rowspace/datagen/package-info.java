/**
 * Generated multi-table data with planted cross-table signal, for tests and benchmarks of spaces
 * over related tables: a label of a parent row that depends only on aggregates of its child rows,
 * an outcome of a child row that depends only on its parent row's attributes, and a label that
 * depends on rows reached through a bridge table (N:M); a shop whose root holds only its key and
 * target, with churn from recency, a child's category share and a parent's category two hops away
 * ({@code ChurnShopGenerator}); and TPC-H's customer, orders, line items, parts and suppliers from
 * {@code io.trino.tpch} with loyalty planted in the same three kinds of summary
 * ({@code TpchLoyaltyGenerator}). Generation is seeded and written through
 * plain JDBC ({@code BatchedInsert}: one prepared INSERT in batches, also used by the TPC-H
 * benchmarks), with declared primary and foreign keys, so any backing database can hold it.
 */
package io.rowspace.datagen;
