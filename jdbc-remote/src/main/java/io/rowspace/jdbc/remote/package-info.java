/**
 * The thin Rowspace driver: {@code jdbc:rowspace:remote:http://host:port} URLs, a Rowspace server
 * ({@code ./rowspace serve}) reached over Apache Avatica's HTTP protocol. It is Avatica's remote
 * driver plus what a BI tool expects of a database driver and Avatica's protocol lacks: the
 * backing database's product name and version, primary keys, foreign keys and indexes, query
 * timeouts and {@code cancel()} that stop the statement on the server, and no HTTP read timeout
 * on long statements. Those travel as {@link io.rowspace.jdbc.remote.ServerCall}s, statements the
 * server answers itself. Values Avatica's frames cannot carry as they are (UUIDs, intervals,
 * timestamps with nanoseconds or offsets, JSON, arrays, decimals, a driver's own objects) come as
 * {@link io.rowspace.jdbc.remote.CarriedValue}s, which {@link io.rowspace.jdbc.remote.RemoteResultSet}
 * reads back into the value, class and text a local connection gives.
 *
 * <p>Nothing here knows Rowspace's SQL, models or the backing database: this package depends on
 * Avatica's client only, so the build packs it with Avatica into one small jar,
 * {@code rowspace-jdbc-VERSION.jar}. The server side of the calls lives in
 * {@code io.rowspace.server}.
 */
package io.rowspace.jdbc.remote;
