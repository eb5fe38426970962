/**
 * Training of predictors, one concern per class. What a trained predictor is and does (its value,
 * inference and explanation) lives in {@code io.rowspace.engine.predictor}; how it is saved, in
 * {@code io.rowspace.engine.store.PredictorFormat}.
 *
 * <p>{@link io.rowspace.engine.predictor.train.PredictorTrainer} is the entry point and the order
 * of the stages. {@code TargetColumn} reads the target (rows with a value, task detection,
 * classes and the positive class, the stratified split, class weights from inverse square-root
 * frequency and the loss {@code auto} resolves to); {@code ResolvedOptions} holds the options as
 * resolved, typed, and {@code TrainingDecisions} what the stages decided, which together give the
 * provenance text saved with the predictor. {@code HeadFitting} is the one epoch loop (shuffled
 * batches, dropout, one-cycle AdamW, early stopping on the validation loss) that both
 * {@code FrozenHeadFit} (the head on the frozen space, with checkpoints) and
 * {@code SpaceFineTuning} (the head with the space's layers, option {@code fine_tune}, run and
 * judged by {@code FineTuningStage}) train through. {@code ValidationScoring} calibrates a head's
 * outputs on the validation rows, chooses the binary threshold ({@code DecisionThreshold}: best
 * F1 or least cost), fits the regression interval, measures the metrics and detects
 * {@code FailureModes} into an {@code Evaluation}; {@code BlendSearch} mixes boosted trees and a
 * linear model over the input columns into the network at the shares that score best on rows
 * that steered none of the members: {@code OutOfFoldMembers} gives the training rows of enough
 * whole folds (every row up to 2,500) each member's output from a fold model that did not see it
 * (fold heads for the network's epochs, fitted side by side by {@code StackedHeadFit}; fold
 * trees for the early-stopped trees' rounds),
 * {@code CrossFittedLinear} fits the linear
 * model on the same folds; {@code BlendChoice} is the rule among the candidates' scores.
 * {@code PermutationImportance} measures the predictor's global importance at the end.
 * Checkpoints ({@code PredictorCheckpoint}, through {@code PredictorCheckpoints}, which also owns
 * the run's random generator) let a re-run resume bit-identically.
 * {@link io.rowspace.engine.predictor.train.BaselineModels} trains the linear model and boosted
 * trees on the raw columns that {@code EVALUATE PREDICTOR ... WITH (baselines = true)} compares a
 * predictor with. Nothing here knows SQL.
 */
package io.rowspace.engine.predictor.train;
