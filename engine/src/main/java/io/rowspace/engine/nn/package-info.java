/**
 * The neural network itself, written as plain NDArray operations: the
 * {@link io.rowspace.engine.nn.TabularTransformer} over column tokens, the flat
 * {@link io.rowspace.engine.nn.ParameterLayout} that holds every weight in one vector, the
 * {@link io.rowspace.engine.nn.AdamW} optimiser with gradient clipping and the
 * {@link io.rowspace.engine.nn.OneCycleSchedule} learning rate. Nothing here knows about columns'
 * meaning, training loops or files: spaces and predictors compose these pieces. All arrays created
 * here belong to the caller's {@code NDManager} scope. Arithmetic with a Java number in anything a
 * gradient flows through goes through {@link io.rowspace.engine.nn.ScalarOps}, never DJL's
 * {@code mul(Number)} and the like (see there why).
 *
 * <p>Inference runs the same transformer without NDArrays: {@link
 * io.rowspace.engine.nn.TransformerInference} over float arrays with weights packed once per
 * loaded model ({@link io.rowspace.engine.nn.PackedMatrix}); its products, GELU, attention and
 * layer normalisation run on a
 * {@link io.rowspace.engine.nn.MatrixKernel}, register-tiled SIMD through the JDK's Vector API
 * ({@code VectorApiMatrixKernel}, compiled apart: see the engine's pom) where the JVM has the
 * module, else {@code ScalarMatrixKernel}, to the same bits; the other element-wise steps are
 * {@link io.rowspace.engine.nn.FloatKernels}'. {@link io.rowspace.engine.nn.InferencePath} chooses
 * the Java pass or the PyTorch one. A pass asked for the row embedding alone, or for the tokens
 * as the last layer reads them (what predictors read, {@link io.rowspace.engine.nn.TokenOutputs}),
 * runs the last layer for the CLS query only, to the same bits.
 */
package io.rowspace.engine.nn;
