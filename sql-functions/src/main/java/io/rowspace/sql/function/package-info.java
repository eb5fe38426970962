/**
 * The Rowspace SQL functions (SPEC section 4) and how queries calling them run.
 *
 * <p>{@link io.rowspace.sql.function.FunctionQueryRewriter} rewrites each call so Calcite can run
 * it: {@code PREDICT('p')} becomes a call of a {@link io.rowspace.sql.function.ModelCallOperator}
 * with the current row's input columns, resolved by name in the FROM scope, each an operand of
 * its own SQL type; the models a statement names are read and bound once
 * ({@link io.rowspace.sql.function.StatementModels}), the table functions' arguments checked by
 * {@link io.rowspace.sql.function.TableFunctionCalls}, and the internal calls that replace the
 * user's made by {@link io.rowspace.sql.function.InternalCalls}. The rewritten tree, not text, is
 * what Calcite prepares
 * ({@link io.rowspace.sql.function.CalciteQueries#prepare}), so the user's nodes keep their
 * positions in the user's text. {@link io.rowspace.sql.function.CalciteQueries} holds the Calcite connection,
 * with the backing database's schemas as JDBC schemas so everything else in the query is pushed
 * down to it, and the connection's session in its root schema
 * ({@link io.rowspace.sql.function.SessionSchema}), where the code Calcite generates finds it
 * through the statement's DataContext. The table functions are functions of that schema
 * ({@link io.rowspace.sql.function.RowspaceTableFunction}): typed with the session when a query is
 * planned, run with the session the statement's DataContext holds. Queries over rows evaluate
 * model calls in
 * batches: {@link io.rowspace.sql.function.ModelCallBatches} runs them inside the plan operator
 * that {@code io.rowspace.sql.plan} places; a call Calcite evaluates itself runs the same batch
 * code on one row ({@link io.rowspace.sql.function.ModelCallRows}). Either way the values reach
 * the engine as the Java objects training read from JDBC
 * ({@link io.rowspace.sql.function.ModelInputValues}).
 * The function bodies live in
 * {@link io.rowspace.sql.function.PredictFunctions},
 * {@link io.rowspace.sql.function.AnomalyScoreFunction},
 * {@link io.rowspace.sql.function.SimilarRowsFunction} and
 * {@link io.rowspace.sql.function.EmbeddingsFunction}.
 *
 * <p>Measuring a predictor on labelled rows: {@link io.rowspace.sql.function.LabelledRows} reads
 * and predicts the rows of a table or query in batches (for {@code EVALUATE PREDICTOR} and the
 * curves), {@link io.rowspace.sql.function.CurveFunctions} holds {@code CONFUSION_MATRIX},
 * {@code ROC_CURVE} and {@code CALIBRATION_CURVE}, and
 * {@link io.rowspace.sql.function.FeatureImportanceFunction} the importance stored with a
 * predictor.
 *
 * <p>A SELECT with a model call is split ({@link io.rowspace.sql.function.BackingSplit}): what
 * depends on no model call runs on the backing database ({@code io.rowspace.sql.pushdown}), and
 * Calcite evaluates the model calls and what uses them;
 * {@link io.rowspace.sql.function.DistinctOrderedAggregate} sends the distinct part of an ordered
 * string aggregate (LISTAGG, string_agg) that Calcite groups to the database.
 */
package io.rowspace.sql.function;
