/**
 * Keras model files ({@code .keras} zips of Keras 3, legacy {@code .h5}/{@code .hdf5} of Keras 2
 * and tf.keras) to the LiteRT IR, entry point {@link io.litertj.keras.KerasPipeline#run}.
 *
 * <p>Stages: {@code reader} reads the file (config JSON, Keras version, weights by layer) without
 * executing anything from it; {@code config} turns Sequential and Functional configs of either
 * Keras generation into one dataflow form; {@link io.litertj.keras.GraphBuilder} emits layer calls
 * in dependency order (nested models inlined, shared layers once per call) through the converters
 * of {@link io.litertj.keras.LayerTable}, one small class per layer family in {@code layers}, and per
 * family of Keras 3 operation nodes ({@code x + 3.0}, {@code keras.ops.*} calls) in {@code ops}. The
 * result follows the same contracts as the SavedModel legalizers (plain ops, biases always present,
 * BatchNormalization as MUL/ADD constants), so the shared optimizer fuses and folds it.
 *
 * <p>Lambda layers and unknown classes end in a {@link io.litertj.ConversionException} naming the
 * layer, its class and the file.
 */
package io.litertj.keras;
