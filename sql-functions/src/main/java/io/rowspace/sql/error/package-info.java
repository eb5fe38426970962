/**
 * The errors users see. {@link io.rowspace.sql.error.RowspaceErrors} holds every message, with
 * the SQLSTATE codes of {@link io.rowspace.sql.error.SqlStates} (SPEC section 9): a message names
 * the object concerned and the fix. Nothing here decides <em>when</em> an error is raised; that is
 * the statement executors' job.
 */
package io.rowspace.sql.error;
