package io.litertj.pipeline;

import io.litertj.ConversionException;
import io.litertj.savedmodel.SignatureInfo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which signatures of a SavedModel are converted, and whether the options that name signature
 * parts name existing ones: checked before any signature is converted.
 */
final class SignatureChoice {

  private SignatureChoice() {}

  /** The keys to convert, in order; a named key the model lacks, or one named twice, is a misuse. */
  static List<String> keys(ConversionSettings settings, List<String> available, Path pb) {
    if (settings.signatureKeys().isEmpty()) {
      if (available.isEmpty()) {
        throw ConversionException.builder("the SavedModel has no signatures to convert")
            .file(pb)
            .hint("export it with signatures (tf.saved_model.save(..., signatures=...))")
            .build();
      }
      if (settings.servingDefaultWhenPresent() && available.contains(ConversionSettings.SERVING_DEFAULT)) {
        return List.of(ConversionSettings.SERVING_DEFAULT);
      }
      return available;
    }
    Set<String> seen = new LinkedHashSet<>();
    for (String key : settings.signatureKeys()) {
      if (!seen.add(key)) {
        throw ConversionException.builder("signature '" + key + "' is named twice")
            .usage()
            .hint("name each signature once (--saved_model_signature_key)")
            .build();
      }
      if (!available.contains(key)) {
        throw ConversionException.builder("the SavedModel has no signature '" + key + "'")
            .file(pb)
            .usage()
            .hint("its signatures are " + String.join(", ", available)
                + "; name one of them (--saved_model_signature_key)")
            .build();
      }
    }
    return settings.signatureKeys();
  }

  /** Every input shape must name an input of a converted signature. */
  static void checkInputShapes(Collection<String> names, List<SignatureInfo> signatures, Path pb) {
    Set<String> inputs = new LinkedHashSet<>();
    for (SignatureInfo s : signatures) {
      s.inputs().forEach(in -> inputs.add(in.name()));
    }
    List<String> unknown = new ArrayList<>();
    for (String name : names) {
      if (!inputs.contains(name)) {
        unknown.add(name);
      }
    }
    if (!unknown.isEmpty()) {
      List<String> keys = signatures.stream().map(SignatureInfo::key).toList();
      throw ConversionException.builder("an input shape is given for '" + String.join("', '", unknown)
              + "', which is no input of signature" + (keys.size() == 1 ? " " : "s ") + String.join(", ", keys))
          .file(pb)
          .usage()
          .hint("name one of the inputs: " + String.join(", ", inputs) + " (--input_shape NAME=D1,D2,...)")
          .build();
    }
  }
}
