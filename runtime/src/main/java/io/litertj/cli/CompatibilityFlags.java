package io.litertj.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Flags that scripts written for {@code tflite_convert} pass and that choose between converters
 * litertj does not have: accepted, with a note that they change nothing.
 */
final class CompatibilityFlags {

  @Option(names = "--enable_v1_converter",
      description = "Accepted for tflite_convert scripts; changes nothing (TF1 and TF2 models share one converter).")
  boolean enableV1Converter;

  @Option(names = "--experimental_new_converter", arity = "0..1", paramLabel = "BOOL", fallbackValue = "true",
      description = "Accepted for tflite_convert scripts; changes nothing (litertj has one converter).")
  Boolean experimentalNewConverter;

  @Option(names = "--experimental_new_quantizer", arity = "0..1", paramLabel = "BOOL", fallbackValue = "true",
      description = "Accepted for tflite_convert scripts; changes nothing (litertj has one quantizer).")
  Boolean experimentalNewQuantizer;

  /** One note per flag given. */
  List<String> notes() {
    List<String> notes = new ArrayList<>();
    if (enableV1Converter) {
      notes.add("--enable_v1_converter changes nothing: TF1 and TF2 models go through the same converter");
    }
    if (experimentalNewConverter != null) {
      notes.add("--experimental_new_converter changes nothing: litertj has one converter");
    }
    if (experimentalNewQuantizer != null) {
      notes.add("--experimental_new_quantizer changes nothing: litertj has one quantizer");
    }
    return notes;
  }
}
