/**
 * The errors users see. {@link io.rowspace.sql.error.ErrorCode} is the catalogue: per error a
 * stable code, the SQLSTATE of {@link io.rowspace.sql.error.SqlStates} (SPEC section 9) and a
 * message that names the object concerned and the fix.
 * {@link io.rowspace.sql.error.RowspaceErrors} builds the exceptions,
 * {@link io.rowspace.sql.error.EngineErrors} those of the engine's failures and
 * {@link io.rowspace.sql.error.ErrorTranslation} those of Calcite's. Nothing here decides
 * <em>when</em> an error is raised; that is the statement executors' job.
 */
package io.rowspace.sql.error;
