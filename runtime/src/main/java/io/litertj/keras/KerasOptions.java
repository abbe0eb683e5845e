package io.litertj.keras;

/**
 * Choices of a Keras conversion that the file does not make.
 *
 * @param unrollRecurrent convert LSTM and SimpleRNN layers step by step (FULLY_CONNECTED, LOGISTIC,
 *     TANH, MUL, ADD per time step) instead of as LiteRT's fused UNIDIRECTIONAL_SEQUENCE_LSTM and
 *     UNIDIRECTIONAL_SEQUENCE_RNN; GRU is always unrolled (LiteRT has no GRU builtin)
 */
public record KerasOptions(boolean unrollRecurrent) {

  /** Fused recurrent layers. */
  public static KerasOptions defaults() {
    return new KerasOptions(false);
  }
}
