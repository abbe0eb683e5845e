package io.litertj.ir;

/** A fused activation function, in LiteRT's {@code ActivationFunctionType} order. */
public enum Activation {
  NONE,
  RELU,
  RELU_N1_TO_1,
  RELU6,
  TANH,
  SIGN_BIT
}
