/**
 * Per-column encoders: how the values of a used column become model inputs.
 *
 * <p>{@link io.rowspace.engine.encode.ScalarEncoder} gives numbers several views at once
 * (standardised, signed log, quantile rank, robust, sign and outlier flags, quantile bin);
 * {@link io.rowspace.engine.encode.CategoricalEncoder} gives categories and booleans a learned
 * embedding each, with an "other" slot for rare and unseen values and, for labels that are
 * words, a semantic path: the value's sentence vector ({@link io.rowspace.engine.encode.SentenceVectors},
 * from the bundled model in {@code io.rowspace.engine.text}) mixed in by a learned gate;
 * {@link io.rowspace.engine.encode.TextEncoder} encodes free text by its sentence vector;
 * {@link io.rowspace.engine.encode.TimestampEncoder} decomposes time into cyclical and linear
 * features; {@link io.rowspace.engine.encode.EmailEncoder} and
 * {@link io.rowspace.engine.encode.UrlEncoder} take addresses apart into domain, top-level domain
 * and flags, two embedding slots per value that the model averages. Every column also owns a
 * learned "missing" slot: missing values are information, not something to impute.
 * {@link io.rowspace.engine.encode.RowEncoder} lays all columns out in one shared embedding table
 * so a batch is embedded with one lookup, and carries per cell the row of a small table of sentence
 * vectors ({@link io.rowspace.engine.encode.SentenceCells}). Encoders hold statistics learned from the training rows;
 * the trainable weights themselves live in {@code io.rowspace.engine.nn}.
 */
package io.rowspace.engine.encode;
