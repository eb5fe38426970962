/**
 * Predictors: small supervised networks on top of an embedding space, for one target column, as
 * trained values. Training is {@code io.rowspace.engine.predictor.train}; the saved format is
 * {@code io.rowspace.engine.store.PredictorFormat}.
 *
 * <p>{@link io.rowspace.engine.predictor.Predictor} is the trained value (assembled by a
 * {@link io.rowspace.engine.predictor.PredictorBuilder}, by training or by the format, which saves
 * and loads it) and predicts many rows per call, in batches, always with the target column masked
 * when the space computes a row's
 * representation (no leakage); its head with trained weights runs in a
 * {@link io.rowspace.engine.predictor.HeadNetwork}, which training also scores candidate weights
 * with. The heads ({@link io.rowspace.engine.predictor.PredictorHead}: an MLP, DCN-v2 cross layers
 * or gated linear units), the probabilities' {@link io.rowspace.engine.predictor.Calibration}
 * (temperature, Platt or isotonic), the regression's 90%
 * {@link io.rowspace.engine.predictor.PredictionInterval} (split-conformal), the
 * {@link io.rowspace.engine.predictor.TreeBlend} of boosted trees and a linear model over
 * {@link io.rowspace.engine.predictor.TreeInputs}, the fine-tuned layers
 * ({@link io.rowspace.engine.predictor.TunedLayers}, with which a predictor embeds rows in its own
 * copy of the space; the space itself is never changed) and the
 * {@link io.rowspace.engine.predictor.GlobalImportance} are its parts. {@code PredictionExplainer}
 * explains predictions apart from making them (an
 * {@link io.rowspace.engine.predictor.Explanation} carries signed per-column importance and input
 * warnings). {@link io.rowspace.engine.predictor.PredictorOptions} validates the options once and
 * holds the ones that take a word as enums. {@link io.rowspace.engine.predictor.Metrics} computes
 * {@link io.rowspace.engine.predictor.PredictorMetrics} from probabilities or values, for the
 * validation rows at training and for
 * {@link io.rowspace.engine.predictor.LabelledPredictions}, which measures predictions of labelled
 * rows (and gives the confusion matrix, ROC and calibration curves).
 * SQL, JSON and catalogs are not here: the SQL layer turns these values into
 * {@code PREDICT_DETAILS}.
 */
package io.rowspace.engine.predictor;
