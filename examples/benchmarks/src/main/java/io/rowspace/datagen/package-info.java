/**
 * Generated multi-table data with planted cross-table signal, for tests and benchmarks of spaces
 * over related tables: a label of a parent row that depends only on aggregates of its child rows,
 * an outcome of a child row that depends only on its parent row's attributes, and a label that
 * depends on rows reached through a bridge table (N:M). Generation is seeded and written through
 * plain JDBC, with declared primary and foreign keys, so any backing database can hold it.
 */
package io.rowspace.datagen;
