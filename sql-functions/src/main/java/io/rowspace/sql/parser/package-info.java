/**
 * The Rowspace SQL grammar (SPEC section 3): the parse-tree nodes of the statements that
 * create, drop, show, describe, refresh and explain embedding spaces and predictors, roll them
 * back to a kept version, export and import them, add columns to a space, and cancel jobs, plus
 * {@link io.rowspace.sql.parser.RowspaceSqlParser}, the one place that configures parsing for
 * Rowspace connections.
 *
 * <p>The parser itself, {@code io.rowspace.sql.parser.impl.RowspaceSqlParserImpl}, is generated
 * at build time from Calcite's own {@code Parser.jj} with FMPP and JavaCC; the added productions
 * live in {@code src/main/codegen/includes/parserImpls.ftl}. Ordinary queries, DML and Calcite's
 * own EXPLAIN and DESCRIBE parse exactly as in Calcite, and the new keywords are non-reserved,
 * so {@code target}, {@code embedding} or {@code job} remain usable as column names.
 *
 * <p>The two CREATE statements share their head (name, OR REPLACE, IF NOT EXISTS, WITH options)
 * through {@link io.rowspace.sql.parser.SqlCreateModel}. Every node unparses to SQL that parses
 * back to an equal tree. Nodes only describe what was
 * written: they resolve no names and check no option values; that is the job of
 * {@code io.rowspace.sql.ddl}.
 */
package io.rowspace.sql.parser;
