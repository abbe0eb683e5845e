/**
 * LiteRT ({@code .tflite}) files: {@link io.litertj.tflite.TfliteWriter} turns a
 * {@link io.litertj.ir.LiteRtModel} into a flatbuffer, {@link io.litertj.tflite.TfliteReader}
 * reads one back, {@link io.litertj.tflite.OperatorVersions} and
 * {@link io.litertj.tflite.RuntimeVersions} hold upstream's version rules.
 *
 * <p>The flatbuffer classes ({@code io.litertj.tflite.schema}) are generated at build time by flatc
 * 2.0.8 from our own schema, {@code runtime/src/main/fbs/litert_schema.fbs}; check that file
 * against upstream's schema with {@code scripts/check-tflite-schema.sh} after editing it.
 */
package io.litertj.tflite;
