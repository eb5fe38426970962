/**
 * Gradient-boosted decision trees, written for Rowspace's predictors: histogram-based, grown
 * level by level to a fixed depth, with a learned direction for missing values, seeded row and
 * column sampling and early stopping on validation rows. Same data, settings and seed give the
 * same trees, bit for bit; nothing here uses threads or native code.
 *
 * <p>{@link io.rowspace.engine.trees.TreeBooster} trains; {@link
 * io.rowspace.engine.trees.BoostedTrees} is the trained, saveable model. A predictor blends them
 * with its network on top of the embedding space (see {@code io.rowspace.engine.predictor}).
 */
package io.rowspace.engine.trees;
