package io.litertj.quantize;

import io.litertj.ConversionException;
import io.litertj.calibrate.Range;
import io.litertj.calibrate.TensorRanges;
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
 * QUANTIZE ops between uint8 (same scale, zero point + 128) and int8. An input also read by ops
 * kept in float reaches them through a DEQUANTIZE, and an output that a float op computes gets a
 * QUANTIZE with its calibrated params, as the official converter does.
 */
final class IoTypeRewriter {

  private IoTypeRewriter() {}

  static void rewrite(Subgraph subgraph, IoType inputType, IoType outputType, DataType act, TensorRanges ranges) {
    if (inputType != IoType.FLOAT32) {
      for (Map.Entry<String, Tensor> e : List.copyOf(subgraph.inputs().entrySet())) {
        inputs(subgraph, e.getKey(), e.getValue(), inputType, act, ranges);
      }
    }
    if (outputType != IoType.FLOAT32) {
      for (Map.Entry<String, Tensor> e : List.copyOf(subgraph.outputs().entrySet())) {
        outputs(subgraph, e.getKey(), e.getValue(), outputType, act, ranges);
      }
    }
  }

  private static void inputs(Subgraph s, String name, Tensor input, IoType type, DataType act, TensorRanges ranges) {
    if (input.type() != DataType.FLOAT32) {
      return;
    }
    if (s.isOutput(input)) {
      throw new ConversionException("input '" + name + "' cannot be " + type + ": it is also an output as it is "
          + "(keep float I/O)");
    }
    checkType(name, type, act);
    List<Operator> readers = s.consumers(input);
    Operator quantize = readers.stream().filter(o -> o.op() == BuiltinOp.QUANTIZE).findFirst().orElse(null);
    Tensor quantized;
    if (quantize != null) {
      quantized = quantize.output(0);
    } else { // only float ops read it: the input gets its calibrated params
      quantized = new Tensor(input.name() + "_quantized", act, input.shape());
      quantized.setQuantization(params(input, act, ranges, name));
    }
    List<Operator> floatReaders = readers.stream().filter(o -> o != quantize).toList();
    List<Operator> ops = new ArrayList<>(s.operators());
    ops.remove(quantize);
    int at = 0; // the integer tensor exists from the start: it is the input, or converted from it first
    if (type.dataType() == act) {
      quantized.setName(input.name());
      replaceInput(s, name, quantized);
    } else {
      // uint8: the input carries the same scale with zero point + 128; QUANTIZE converts to int8.
      Tensor u = new Tensor(input.name(), DataType.UINT8, input.shape());
      u.setQuantization(ActivationParams.toUint8(quantized.quantization()));
      ops.add(0, new Operator(BuiltinOp.QUANTIZE, List.of(u), List.of(quantized), new OpOptions.Quantize()));
      at = 1;
      replaceInput(s, name, u);
    }
    if (!floatReaders.isEmpty()) {
      Tensor dequantized = new Tensor(input.name() + "_dequantized", DataType.FLOAT32, input.shape());
      for (Operator reader : floatReaders) {
        for (int i = 0; i < reader.inputs().size(); i++) {
          if (reader.input(i) == input) {
            reader.setInput(i, dequantized);
          }
        }
      }
      ops.add(at, new Operator(BuiltinOp.DEQUANTIZE, List.of(quantized), List.of(dequantized),
          new OpOptions.Dequantize()));
    }
    s.replaceOperators(ops);
  }

  private static io.litertj.ir.QuantizationParams params(Tensor t, DataType act, TensorRanges ranges, String name) {
    Range r = ranges.get(t);
    if (r == null) {
      throw new ConversionException("I/O '" + name + "' has no calibration range, so it cannot be integer");
    }
    return ActivationParams.of(act, r.min(), r.max());
  }

  private static void outputs(Subgraph s, String name, Tensor output, IoType type, DataType act, TensorRanges ranges) {
    Operator producer = s.producer(output);
    if (output.type() != DataType.FLOAT32 || producer == null) {
      return;
    }
    checkType(name, type, act);
    if (producer.op() != BuiltinOp.DEQUANTIZE) { // a float op computes it: quantize it on the way out
      io.litertj.ir.QuantizationParams q = params(output, act, ranges, name);
      boolean uint8 = type == IoType.UINT8;
      Tensor out = new Tensor(output.name() + (uint8 ? "_uint8" : "_quantized"), uint8 ? DataType.UINT8 : act,
          output.shape());
      out.setQuantization(uint8 ? ActivationParams.toUint8(q) : q);
      s.addOperator(new Operator(BuiltinOp.QUANTIZE, List.of(output), List.of(out), new OpOptions.Quantize()));
      s.setOutput(name, out);
      return;
    }
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
