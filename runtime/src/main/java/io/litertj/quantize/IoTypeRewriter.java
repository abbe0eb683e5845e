package io.litertj.quantize;

import io.litertj.ConversionException;
import io.litertj.ir.BuiltinOp;
import io.litertj.ir.DataType;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Operator;
import io.litertj.ir.Subgraph;
import io.litertj.ir.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Changes a full-integer subgraph's float I/O: for integer I/O the QUANTIZE after an input and the
 * DEQUANTIZE before an output are removed and the integer tensors exposed; for uint8 they become
 * QUANTIZE ops between uint8 (same scale, zero point + 128) and int8.
 */
final class IoTypeRewriter {

  private IoTypeRewriter() {}

  static void rewrite(Subgraph subgraph, IoType inputType, IoType outputType, DataType act) {
    if (inputType != IoType.FLOAT32) {
      for (Map.Entry<String, Tensor> e : List.copyOf(subgraph.inputs().entrySet())) {
        inputs(subgraph, e.getKey(), e.getValue(), inputType, act);
      }
    }
    if (outputType != IoType.FLOAT32) {
      for (Map.Entry<String, Tensor> e : List.copyOf(subgraph.outputs().entrySet())) {
        outputs(subgraph, e.getKey(), e.getValue(), outputType, act);
      }
    }
  }

  private static void inputs(Subgraph s, String name, Tensor input, IoType type, DataType act) {
    if (input.type() != DataType.FLOAT32) {
      return;
    }
    List<Operator> readers = s.consumers(input);
    if (readers.size() != 1 || readers.get(0).op() != BuiltinOp.QUANTIZE || s.isOutput(input)) {
      throw new ConversionException("input '" + name + "' cannot be " + type + ": it is read by float ops "
          + readers.stream().map(o -> o.op().name()).toList() + " (keep float I/O, or quantize those ops)");
    }
    checkType(name, type, act);
    Operator quantize = readers.get(0);
    Tensor quantized = quantize.output(0);
    if (type.dataType() == act) {
      s.removeOperator(quantize);
      quantized.setName(input.name());
      replaceInput(s, name, quantized);
    } else {
      // uint8: the input carries the same scale with zero point + 128; QUANTIZE converts to int8.
      Tensor u = new Tensor(input.name(), DataType.UINT8, input.shape());
      u.setQuantization(ActivationParams.toUint8(quantized.quantization()));
      quantize.setInput(0, u);
      replaceInput(s, name, u);
    }
  }

  private static void outputs(Subgraph s, String name, Tensor output, IoType type, DataType act) {
    Operator producer = s.producer(output);
    if (output.type() != DataType.FLOAT32 || producer == null || producer.op() != BuiltinOp.DEQUANTIZE) {
      if (output.type() == DataType.FLOAT32) {
        throw new ConversionException("output '" + name + "' cannot be " + type + ": a float op computes it");
      }
      return;
    }
    checkType(name, type, act);
    Tensor quantized = producer.input(0);
    if (type.dataType() == act) {
      if (s.consumers(output).isEmpty()) {
        s.removeOperator(producer);
      }
      s.setOutput(name, quantized);
    } else {
      Tensor u = new Tensor(output.name(), DataType.UINT8, output.shape());
      u.setQuantization(ActivationParams.toUint8(quantized.quantization()));
      Operator q = new Operator(BuiltinOp.QUANTIZE, List.of(quantized), List.of(u), new OpOptions.Quantize());
      List<Operator> ops = new ArrayList<>(s.operators());
      ops.set(ops.indexOf(producer), q);
      s.replaceOperators(ops);
      s.setOutput(name, u);
    }
  }

  private static void checkType(String name, IoType type, DataType act) {
    boolean ok = type.dataType() == act || (type == IoType.UINT8 && act == DataType.INT8);
    if (!ok) {
      throw new ConversionException("I/O '" + name + "' cannot be " + type + " with " + act + " activations");
    }
  }

  /** {@code addInput} with an existing name replaces the tensor and keeps the signature order. */
  private static void replaceInput(Subgraph s, String name, Tensor tensor) {
    s.addInput(name, tensor);
  }
}
