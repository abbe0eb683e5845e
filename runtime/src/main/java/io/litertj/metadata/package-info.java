/**
 * TFLite model metadata: {@link io.litertj.metadata.ModelMetadata} (from the API, a JSON file or a
 * recipe) checked against the model and written as the {@code TFLITE_METADATA} flatbuffer, with
 * its associated files packed after the model.
 */
package io.litertj.metadata;
