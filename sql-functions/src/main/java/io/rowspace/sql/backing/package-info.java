/**
 * The database behind a Rowspace URL, as every layer above reaches it:
 * {@link io.rowspace.sql.backing.BackingDatabase} holds the connections Rowspace opens to it (the
 * HikariCP pool for brief internal work, shared by all connections with the same URL and user;
 * the own connection of each Rowspace connection and job) and what Rowspace must know of its
 * dialect (how unquoted names fold, the default schema, H2 or PostgreSQL). An embedded H2 file
 * URL is opened with the settings of {@link io.rowspace.sql.backing.DurableH2Settings}, so that a
 * killed process loses nothing committed, and a file H2 reports damaged is refused as
 * {@link io.rowspace.sql.backing.DamagedDatabaseFile}.
 *
 * <p>It sits low in {@code sql-functions}' layers (see {@code LayeringTest}): only the error
 * catalogue is below it; the catalog, the session, the commands and the driver use it. It knows
 * nothing of models, statements or JDBC users.
 */
package io.rowspace.sql.backing;
