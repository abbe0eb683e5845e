package io.litertj.recipe;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares that a recipe converts a Keras model file ({@code .keras} or {@code .h5}). A recipe
 * class carries exactly one source annotation.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface KerasModelSource {

  /** The Keras model file; relative paths are resolved as for {@link SavedModelSource#path()}. */
  String path();

  /**
   * Whether LSTM and SimpleRNN layers are unrolled into per-step ops instead of LiteRT's fused
   * UNIDIRECTIONAL_SEQUENCE_LSTM / UNIDIRECTIONAL_SEQUENCE_RNN (the default); GRU is always
   * unrolled. The same as the converter's {@code unrollRecurrent} and the CLI's {@code --unroll_rnn}.
   */
  boolean unrollRnn() default false;
}
