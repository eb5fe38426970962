/**
 * The one catalogue of Rowspace's errors ({@link io.rowspace.error.ErrorCode}: stable codes,
 * SQLSTATEs, messages with counted parameters), the SQLSTATEs themselves, and the unchecked
 * exception the engine raises from an entry. Below every other module; it needs nothing but
 * {@code java.sql.SQLException}.
 */
package io.rowspace.error;
