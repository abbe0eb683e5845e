/**
 * Functions that LiteRT has no builtin for, spelled with builtins, for every front end: the TF
 * legalizers and the Keras layer converters emit the same operators through a small
 * {@link io.litertj.compose.Emitter}, or straight into a {@link io.litertj.ir.Subgraph}.
 */
package io.litertj.compose;
