/**
 * Execution of the Rowspace statements (SPEC section 3): one command per statement
 * ({@code StatementCommands} says which), run by
 * {@link io.rowspace.sql.ddl.RowspaceStatementExecutor}. Commands resolve names,
 * read rows through the planner and multi-table modules, call the engine, and store results
 * through the catalog; engine failures become the SQL errors of SPEC section 9. A statement
 * reports its progress to a {@link io.rowspace.sql.ddl.StatementProgress} (the driver's
 * {@code ProgressListener} is one), so this package needs nothing of the driver above it.
 *
 * <p>Beside the commands: {@code BackgroundCommand} wraps the command of a statement given
 * {@code async = true} to run as a {@code BackgroundJob} ({@code BackgroundJobs} holds the running
 * ones for {@code CANCEL JOB}); {@code StatementCheckpoints} keeps a statement's training
 * checkpoints in the catalog so that a re-run resumes; {@code SpaceDependents} marks STALE, or
 * re-fits, the predictors of a space that was replaced. {@code RollbackCommand},
 * {@code ExportCommand} and {@code ImportCommand} make a kept version current and move models
 * between databases through the file of {@code io.rowspace.sql.transfer} (IMPORT binding the
 * model's table and column names to the importing database's); {@code ExtendSpaceCommand}
 * continues a space's training with added root columns or on the current rows, a space over
 * related tables with its relations.
 */
package io.rowspace.sql.ddl;
