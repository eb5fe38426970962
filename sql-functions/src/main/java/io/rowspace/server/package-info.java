/**
 * The Rowspace server (SPEC section 8, {@code ./rowspace serve}): Rowspace connections served over
 * HTTP with Apache Avatica's protocol, so BI tools and remote applications use Rowspace through
 * {@code jdbc:rowspace:remote:http://host:port} (or any Avatica client). Each remote connection is
 * a Rowspace connection on the server, so everything a local connection does (Rowspace statements,
 * PREDICT in queries, the backing database's own SQL) works remotely. Only serving lives here; the
 * client side is the driver's ({@code io.rowspace.jdbc}).
 */
package io.rowspace.server;
