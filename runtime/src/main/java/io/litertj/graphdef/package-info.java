/**
 * Frozen GraphDefs ({@code --graph_def_file}): reading binary and text GraphDefs, and making the
 * tensors the user names the inputs and outputs of one signature that the legalizer converts as it
 * converts a SavedModel's. TF1-only ops between them are refused by name first.
 */
package io.litertj.graphdef;
