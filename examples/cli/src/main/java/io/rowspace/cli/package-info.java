/**
 * The {@code rowspace} command-line launcher ({@link io.rowspace.cli.RowspaceCli}), started by the
 * {@code rowspace} script at the repository root.
 *
 * <p>It talks to databases through plain JDBC ({@code DriverManager}) only, so every command works
 * with any URL: Rowspace's own {@code jdbc:rowspace:...} as well as a bare H2 or PostgreSQL URL.
 * What lives here: the interactive shell and script runner of {@code rowspace sql}
 * ({@link io.rowspace.cli.InteractiveShell}, {@link io.rowspace.cli.StatementRunner}, with
 * {@link io.rowspace.cli.SqlScript} cutting scripts into statements), the table, CSV and JSON
 * output formats, the progress bar fed by the driver's {@link io.rowspace.jdbc.ProgressListener},
 * the CSV importer ({@link io.rowspace.cli.CsvImporter} on Apache Commons CSV, with delimiter
 * detection, tolerant type inference and a summary per column), completion of predictor and space
 * names, and the credit-risk
 * {@link io.rowspace.cli.CreditDemo}. What does not: anything about how statements are parsed,
 * planned or trained, which is the driver's business ({@code io.rowspace.jdbc} in
 * {@code sql-functions}); the launcher never looks inside it beyond registering for progress.
 */
package io.rowspace.cli;
