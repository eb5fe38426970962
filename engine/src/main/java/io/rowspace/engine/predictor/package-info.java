/**
 * Predictors: small supervised networks on top of an embedding space, for one target column.
 *
 * <p>{@link io.rowspace.engine.predictor.PredictorTrainer} detects the task (binary, multiclass or
 * regression) from the target's values, masks the target column whenever the space computes a
 * row's representation (no leakage, in training and in inference), trains a head (an MLP, DCN-v2
 * cross layers or gated linear units: {@link io.rowspace.engine.predictor.PredictorHead}) with
 * class weights and early stopping, then on the validation rows: calibrates probabilities
 * (temperature, Platt or isotonic, whichever has the lowest cross-fitted log loss), picks the
 * binary threshold (best F1, or least cost when costs are given), fits the regression's 90%
 * prediction interval (split-conformal), detects failure modes (with one corrective retry) and
 * measures {@link io.rowspace.engine.predictor.PredictorMetrics}.
 * {@link io.rowspace.engine.predictor.Predictor} is the trained value (assembled by its
 * {@code Builder}, by training or by {@code io.rowspace.engine.store.PredictorFormat}, which saves
 * and loads it) and predicts many rows per call, in batches; its head with trained weights runs in
 * a {@link io.rowspace.engine.predictor.HeadNetwork}, which training also scores candidate weights
 * with. {@code PredictionExplainer} explains predictions apart from making them (an
 * {@link io.rowspace.engine.predictor.Explanation} carries signed per-column importance and input
 * warnings). {@link io.rowspace.engine.predictor.PredictorOptions} validates the options once and
 * holds the ones that take a word as enums. With option {@code fine_tune},
 * {@link io.rowspace.engine.predictor.SpaceFineTuning} also trains the space's transformer layers
 * (all, or for {@code auto} those with the most Fisher information, kept only if they beat the
 * frozen space on the validation rows); the tuned layers
 * ({@link io.rowspace.engine.predictor.TunedLayers}) are saved with the predictor, which embeds
 * rows with its own copy of them. The space itself is never changed by training a predictor.
 * Training saves checkpoints ({@code PredictorCheckpoint}, through
 * {@code PredictorCheckpoints}) to the monitor's store and resumes from one bit-identically.
 * At the end of training, {@code PermutationImportance} measures the
 * {@link io.rowspace.engine.predictor.GlobalImportance} saved with the predictor.
 * {@link io.rowspace.engine.predictor.LabelledPredictions} measures predictions of labelled rows
 * with the validation metrics' own code (and gives the confusion matrix, ROC and calibration
 * curves); {@link io.rowspace.engine.predictor.BaselineModels} trains the linear model and boosted
 * trees on the raw columns that a predictor is compared with.
 * SQL, JSON and catalogs are not here: the SQL layer turns these values into
 * {@code PREDICT_DETAILS}.
 */
package io.rowspace.engine.predictor;
