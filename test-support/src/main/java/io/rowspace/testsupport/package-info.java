/**
 * What the tests of every module, and the benchmarks, judge Rowspace with: the ROC AUC
 * ({@link io.rowspace.testsupport.RocAuc}), the logistic-regression baseline a careful analyst
 * would fit first ({@link io.rowspace.testsupport.LogisticRegression}), seeded train/test splits
 * ({@link io.rowspace.testsupport.TrainTestSplit}) and the repository's real data sets
 * ({@link io.rowspace.testsupport.DataSets}). Plain Java with no Rowspace module, so the engine's
 * own tests can use it too, and written apart from the engine's metrics so a test never judges
 * the engine with the engine's own arithmetic.
 */
package io.rowspace.testsupport;
