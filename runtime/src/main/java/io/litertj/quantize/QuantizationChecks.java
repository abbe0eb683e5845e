package io.litertj.quantize;

import io.litertj.ConversionException;
import io.litertj.calibrate.CalibrationMethod;
import io.litertj.ir.DataType;
import io.litertj.ir.LiteRtModel;
import io.litertj.ir.Operator;
import io.litertj.ir.Subgraph;
import io.litertj.ir.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.PatternSyntaxException;

/**
 * Quantization options that cannot take effect are misuse ({@link ConversionException.Kind#USAGE}),
 * found before any work: an I/O type the mode cannot give, an option of another mode, a full-integer
 * mode without samples, a keep-float pattern that is not one or matches nothing in the model. And
 * a quantization that changed nothing says so.
 */
public final class QuantizationChecks {

  private QuantizationChecks() {}

  /** The checks that need no model; {@code hasDataset} says whether calibration samples were given. */
  public static void check(QuantizationOptions options, boolean hasDataset) {
    QuantizationMode mode = options.mode();
    ioType(mode, options.inputType(), "input");
    ioType(mode, options.outputType(), "output");
    boolean integer = options.needsCalibration();
    if (options.int8Only() && !integer) {
      throw misuse("int8Only applies to full-integer quantization, but the mode is " + mode,
          "drop it (--int8_only), or quantize with INT8 or INT16X8");
    }
    if (!options.perChannelDense() && mode == QuantizationMode.FLOAT16) {
      throw misuse("per-tensor FULLY_CONNECTED weights apply to int8 weights, but FLOAT16 stores float16 weights",
          "drop it (--per_tensor_dense), or quantize with DYNAMIC_RANGE, INT8 or INT16X8");
    }
    if (options.calibrationMethod() != CalibrationMethod.MIN_MAX && !integer) {
      throw misuse("a calibration method applies to INT8 and INT16X8, which calibrate, but the mode is " + mode,
          "drop it (--calibration_method), or quantize with INT8 or INT16X8");
    }
    if (integer && !hasDataset) {
      throw misuse(mode + " quantization needs a representative dataset to calibrate activation ranges",
          "pass representativeDataset(...) (--representative_dataset FILE.npz), or quantize with DYNAMIC_RANGE or"
              + " FLOAT16, which need none");
    }
    for (String pattern : options.keepFloat()) {
      try {
        new KeepFloat(List.of(pattern));
      } catch (PatternSyntaxException e) {
        throw misuse("keep-float pattern '" + pattern + "' is not a valid regular expression: " + e.getDescription(),
            "write a Java regular expression after 'regex:', or a glob such as *dense*");
      }
    }
  }

  /** Every keep-float pattern must match an operator or a tensor of {@code model}. */
  public static void checkKeepFloat(LiteRtModel model, List<String> patterns) {
    List<String> unmatched = new ArrayList<>();
    for (String pattern : patterns) {
      KeepFloat keep = new KeepFloat(List.of(pattern));
      boolean found = false;
      for (Subgraph s : model.allSubgraphs()) {
        for (Operator op : s.operators()) {
          found |= keep.matches(op);
        }
      }
      if (!found) {
        unmatched.add(pattern.startsWith(KeepFloat.REGEX_PREFIX) ? pattern.substring(KeepFloat.REGEX_PREFIX.length())
            : pattern);
      }
    }
    if (!unmatched.isEmpty()) {
      TreeSet<String> ops = new TreeSet<>();
      model.allSubgraphs().forEach(s -> s.operators().forEach(op -> ops.add(op.op().name())));
      throw misuse("keep-float pattern" + (unmatched.size() == 1 ? " '" : "s '") + String.join("', '", unmatched)
              + (unmatched.size() == 1 ? "' matches" : "' match") + " no operator and no tensor of the model",
          "name an operator (the model has " + String.join(", ", ops) + ") or match output tensor names"
              + " (--keep_float '*dense*')");
    }
  }

  /**
   * What a quantization left undone that the caller would expect it to do: dynamic range that
   * quantized no weight, float16 that found no float32 constant. Empty when it did its work.
   */
  public static List<String> warnings(QuantizationOptions options, LiteRtModel quantized) {
    List<String> out = new ArrayList<>();
    if (options.mode() == QuantizationMode.DYNAMIC_RANGE && !hasConstant(quantized, DataType.INT8)) {
      out.add("dynamic range quantization quantized nothing: no weight of an op with a hybrid kernel has "
          + options.dynamicRangeMinElements() + " or more elements (the official threshold), so the model stays"
          + " float. Quantize with FLOAT16 (--quantize float16), or with INT8 and a representative dataset");
    }
    if (options.mode() == QuantizationMode.FLOAT16 && !hasConstant(quantized, DataType.FLOAT16)) {
      out.add("float16 quantization quantized nothing: the model has no float32 constants to store as float16");
    }
    return out;
  }

  private static boolean hasConstant(LiteRtModel model, DataType type) {
    for (Subgraph s : model.allSubgraphs()) {
      for (Operator op : s.operators()) {
        for (Tensor t : op.inputs()) {
          if (t != null && t.isConstant() && t.type() == type) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static void ioType(QuantizationMode mode, IoType type, String which) {
    boolean ok = switch (mode) {
      case FLOAT16, DYNAMIC_RANGE -> type == IoType.FLOAT32;
      case INT8 -> type != IoType.INT16;
      case INT16X8 -> type == IoType.FLOAT32 || type == IoType.INT16;
    };
    if (ok) {
      return;
    }
    String flag = "--inference_" + which + "_type";
    String fix = switch (mode) {
      case FLOAT16, DYNAMIC_RANGE -> "integer " + which + "s need full-integer quantization (--quantize int8 with"
          + " --representative_dataset); keep FLOAT32 for " + mode;
      case INT8 -> "use INT8, UINT8 or FLOAT32 (" + flag + "), or quantize with INT16X8 for INT16";
      case INT16X8 -> "use INT16 or FLOAT32 (" + flag + " int16), or quantize with INT8 for " + type;
    };
    String why = mode == QuantizationMode.FLOAT16 || mode == QuantizationMode.DYNAMIC_RANGE
        ? " keeps float " + which + "s" : " computes in " + (mode == QuantizationMode.INT8 ? "int8" : "int16");
    throw misuse(mode + " quantization" + why + ", so the " + which + " type cannot be " + type, fix);
  }

  private static ConversionException misuse(String what, String fix) {
    return ConversionException.builder(what).usage().hint(fix).build();
  }
}
