/**
 * The state of a Rowspace connection: its {@link io.rowspace.sql.session.RowspaceSession} (the
 * backing database, catalog and settings, the models bound by its queries, checked against the
 * catalog once per execution) and the {@link io.rowspace.sql.session.ModelCache} of models loaded
 * from a backing database, shared by all its connections and invalidated when a model is dropped
 * or replaced. {@link io.rowspace.sql.session.SpaceRelations} attaches the current related rows
 * to rows a query scores, through multi-table's reader, the route training reads them by.
 *
 * <p>Below the SQL functions and the statements, above the catalog and the backing database
 * (docs/architecture.md, "Layers of sql-functions"): it neither rewrites nor plans queries.
 */
package io.rowspace.sql.session;
