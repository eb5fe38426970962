/**
 * The Rowspace server (SPEC section 8, {@code ./rowspace serve}): Rowspace connections served over
 * HTTP or HTTPS with Apache Avatica's protocol, so BI tools and remote applications use Rowspace
 * through {@code jdbc:rowspace:remote:http://host:port} (or any Avatica client). Each remote
 * connection is a Rowspace connection on the server, so everything a local connection does
 * (Rowspace statements, PREDICT in queries, the backing database's own SQL) works remotely, within
 * the rights of the user's role.
 *
 * <p>Here live serving and its safety: the address it listens on, users and their hashed
 * passwords ({@link io.rowspace.server.UsersFile}), authentication, the roles and the backing
 * database's accounts that enforce them ({@link io.rowspace.server.DatabaseAccounts}), what
 * of a client's request reaches the database, and the server calls the thin driver sends for
 * what Avatica's protocol lacks (keys, indexes, cancel). The client side is the thin driver's
 * ({@code io.rowspace.jdbc.remote}, module {@code jdbc-remote}).
 */
package io.rowspace.server;
