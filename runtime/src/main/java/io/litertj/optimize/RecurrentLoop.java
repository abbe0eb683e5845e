package io.litertj.optimize;

import io.litertj.ir.Activation;
import io.litertj.ir.Operator;
import io.litertj.ir.Tensor;
import java.util.List;

/**
 * A WHILE loop recognized as a recurrent layer's time loop: each iteration reads step {@code t} of
 * a loop-invariant time-major sequence, computes one LSTM or SimpleRNN step, and writes the new h
 * into an output list, for exactly as many iterations as the sequence has steps.
 *
 * @param loop the WHILE operator
 * @param steps the trip count, equal to the sequence's time dimension
 * @param sequence loop value holding the [T, B, I] input sequence (invariant)
 * @param counters loop values that start at 0 and grow by 1 per iteration (they end at {@code steps})
 * @param invariants loop values the body returns unchanged
 * @param outputs loop value of the list the body writes h into
 * @param everyStep whether that list holds every step ([T, B, U]) or only the last ([1, B, U])
 * @param cell the step computed
 */
record RecurrentLoop(Operator loop, int steps, int sequence, List<Integer> counters, List<Integer> invariants,
    int outputs, boolean everyStep, Cell cell) {

  /** What one step computes. */
  sealed interface Cell permits Lstm, Rnn {
    /** z = x W^T + h R^T + b, with G gates of {@code units()} rows each. */
    Affine affine();

    Activation activation();

    /** The loop value carrying h. */
    int hidden();

    int units();
  }

  /**
   * The gate pre-activations: {@code inputWeights} [G*U, I] and {@code recurrentWeights} [G*U, U]
   * as FULLY_CONNECTED holds them ([out, in]), and the sum of every bias added.
   */
  record Affine(Tensor inputWeights, Tensor recurrentWeights, float[] bias) {}

  /**
   * An LSTM step with sigmoid gates: c' = f*c + i*act(g), h' = o*act(c').
   *
   * @param gateRows for LiteRT's gate order (input, forget, cell, output), which block of rows of
   *     the affine map computes that gate
   */
  record Lstm(Affine affine, int[] gateRows, Activation activation, int hidden, int cellState, int units)
      implements Cell {}

  /** A SimpleRNN step: h' = act(z). */
  record Rnn(Affine affine, Activation activation, int hidden, int units) implements Cell {}
}
