package io.litertj.keras.config;

/** A reference to one output tensor of one call ("node") of a layer: Keras's keras_history. */
public record InboundRef(String layer, int node, int tensor) {}
