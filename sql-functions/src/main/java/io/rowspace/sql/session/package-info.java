/**
 * The state of a Rowspace connection: its {@link io.rowspace.sql.session.RowspaceSession} (the
 * backing database, catalog and settings) and the {@link io.rowspace.sql.session.ModelCache} of
 * models loaded from a backing database, shared by all its connections and invalidated when a
 * model is dropped or replaced.
 */
package io.rowspace.sql.session;
