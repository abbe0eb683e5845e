package io.litertj;

import io.litertj.ir.LiteRtModel;
import io.litertj.ir.Operator;
import io.litertj.ir.Subgraph;
import io.litertj.ir.Tensor;
import io.litertj.quantize.QuantizationReport;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a conversion produced: per signature its inputs, outputs and operator count; the LiteRT
 * operators used over the whole model; the bytes of constant data and of the written file; and,
 * for a quantized model checked on a dataset, how close it stays to the float model.
 */
public record ConversionReport(List<SignatureSummary> signatures, SortedMap<String, Integer> operatorCounts,
    long constantBytes, long modelBytes, Optional<QuantizationReport> quantization) {

  public ConversionReport {
    signatures = List.copyOf(signatures);
    operatorCounts = new TreeMap<>(operatorCounts);
  }

  /** One converted signature; tensors are described as {@code name: TYPE[dims]}. */
  public record SignatureSummary(String key, List<String> inputs, List<String> outputs, int operatorCount) {
    public SignatureSummary {
      inputs = List.copyOf(inputs);
      outputs = List.copyOf(outputs);
    }
  }

  static ConversionReport of(LiteRtModel model, long modelBytes, Optional<QuantizationReport> quantization) {
    List<SignatureSummary> signatures = new ArrayList<>();
    TreeMap<String, Integer> ops = new TreeMap<>();
    Set<Tensor> constants = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    for (Subgraph g : model.subgraphs()) {
      signatures.add(new SignatureSummary(g.name(), describe(g.inputs()), describe(g.outputs()), g.operators().size()));
    }
    for (Subgraph g : model.allSubgraphs()) { // the ops control flow runs count too
      for (Operator op : g.operators()) {
        ops.merge(op.op().name(), 1, Integer::sum);
        for (Tensor t : op.inputs()) {
          if (t != null && t.isConstant()) {
            constants.add(t);
          }
        }
      }
    }
    long constantBytes = constants.stream().mapToLong(t -> t.data().byteSize()).sum();
    return new ConversionReport(signatures, ops, constantBytes, modelBytes, quantization);
  }

  private static List<String> describe(Map<String, Tensor> tensors) {
    List<String> out = new ArrayList<>();
    tensors.forEach((name, t) -> out.add(name + ": " + t.type() + t.shape()));
    return out;
  }
}
