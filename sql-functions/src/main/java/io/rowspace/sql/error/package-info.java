/**
 * The errors users see, built from the one catalogue {@link io.rowspace.error.ErrorCode} (per error
 * a stable code, the SQLSTATE of {@link io.rowspace.error.SqlStates}, SPEC section 9, and a message
 * that names the object concerned and the fix). {@link io.rowspace.sql.error.RowspaceErrors}
 * builds the exceptions, {@link io.rowspace.sql.error.EngineErrors} those of the engine's failures
 * and {@link io.rowspace.sql.error.ErrorTranslation} those of Calcite's. Nothing here decides
 * <em>when</em> an error is raised; that is the statement executors' job.
 */
package io.rowspace.sql.error;
