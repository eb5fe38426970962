/**
 * Benchmarks of Rowspace, run as programs, not tests: against conventional baselines on the real
 * data sets of {@code datasets/}, and for inference speed on generated tables.
 *
 * <p>{@link io.rowspace.bench.DatasetBenchmark} loads each data set through the Rowspace JDBC
 * driver with plain SQL, splits it into a training and a held-out table, trains an embedding
 * space and a default predictor with {@code CREATE EMBEDDING SPACE} and {@code CREATE PREDICTOR},
 * scores the held-out rows with {@code PREDICT} and {@code PREDICT_PROBA}, and sets beside them, on
 * the very same rows, XGBoost ({@link io.rowspace.bench.GradientBoostedTrees}) and a linear model
 * written here ({@link io.rowspace.bench.LogisticRegression},
 * {@link io.rowspace.bench.RidgeRegression}) over one-hot categoricals and mean-imputed
 * standardised numerics ({@link io.rowspace.bench.TabularEncoding}). It reports the metric of the
 * task, training seconds, peak memory and calibration, as a Markdown table.
 *
 * <p>{@link io.rowspace.bench.InferenceBenchmark} generates customer tables of 10,000 to a million
 * rows ({@link io.rowspace.bench.GeneratedRows}) and times batched and single-row
 * {@code PREDICT} and {@code SIMILAR_ROWS} (with its recall@10 where an index answers), each
 * beside the plain SQL that reads the same rows ({@link io.rowspace.bench.Latencies},
 * {@link io.rowspace.bench.InferenceReport}).
 *
 * <p>{@link io.rowspace.bench.ServerLoadBenchmark} starts a Rowspace server and runs 16 remote
 * clients ({@link io.rowspace.bench.ScoringClient}) scoring for a minute while the predictor is
 * replaced, counting queries per second, errors and answers from a replaced model.
 *
 * <p>{@link io.rowspace.bench.KillLoopBenchmark} kills a process ({@code kill -9}) at random
 * moments while it commits rows and creates, replaces, refreshes and trains models on an embedded
 * database file ({@link io.rowspace.bench.KillLoopWorkload}), and checks after each kill that
 * nothing committed is lost ({@link io.rowspace.bench.KillLoopCheck}); it closes the driver's pool
 * between checks to hand the file to the next process, as a restarted application would.
 *
 * <p>What does not live here: anything that reaches inside the driver or the engine. Rowspace is
 * measured exactly as a user meets it, through {@code DriverManager} and SQL; the baselines read
 * the same training and held-out tables back over the same connection.
 */
package io.rowspace.bench;
