/**
 * The Rowspace JDBC driver (SPEC section 2). {@link io.rowspace.jdbc.RowspaceDriver} accepts
 * {@code jdbc:rowspace:} URLs and opens a {@link io.rowspace.jdbc.RowspaceConnection} over the
 * backing database ({@code io.rowspace.sql.backing}: its HikariCP pool, shared by all
 * connections with the same URL and user, an own connection per Rowspace connection, the
 * durable settings of an embedded H2 file).
 *
 * <p>{@link io.rowspace.jdbc.RowspaceStatement} routes each statement: Rowspace statements run
 * here, queries calling Rowspace functions run through Calcite, and all else runs on the backing
 * database unchanged (the pass-through rule). Errors reach users as SQLExceptions with the
 * SQLSTATEs of SPEC section 9. A result from Calcite is handed out as the database would give
 * it ({@code TranslatingResultSet}): a column passed through from the backing database has the
 * database's metadata and objects.
 *
 * <p>{@code jdbc:rowspace:remote:} URLs are handed to the thin driver of
 * {@code io.rowspace.jdbc.remote} (module {@code jdbc-remote}), so a remote connection is the
 * same whether an application has this driver or only the thin jar.
 */
package io.rowspace.jdbc;
