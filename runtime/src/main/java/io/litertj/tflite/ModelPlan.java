package io.litertj.tflite;

import io.litertj.ConversionException;
import io.litertj.ir.LiteRtModel;
import io.litertj.ir.Operator;
import io.litertj.ir.Subgraph;
import io.litertj.ir.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything decided before serialization: tensor order, buffer assignment (deduplicated),
 * operator versions and codes, and the minimum runtime version. Deterministic for a given model.
 */
final class ModelPlan {

  /** One subgraph's tensors, the buffer of each tensor, and the opcode index of each operator. */
  record SubgraphPlan(Subgraph subgraph, TensorTable tensors, int[] tensorBuffers, int[] opcodeIndices) {}

  /** A {@code Model.metadata} entry: a name and the buffer holding its bytes. */
  record MetadataEntry(String name, int buffer) {}

  private final List<SubgraphPlan> subgraphs;
  private final int signatureCount;
  private final java.util.Map<Subgraph, Integer> subgraphIndices;
  private final BufferTable buffers;
  private final OperatorCodeTable opcodes;
  private final String minRuntimeVersion;
  private final List<MetadataEntry> metadata = new ArrayList<>();
  /** Keys of the signatures that share another's subgraph: each is one more signature_defs entry. */
  private List<LiteRtModel.Signature> aliases = List.of();

  private ModelPlan(List<SubgraphPlan> subgraphs, int signatureCount, java.util.Map<Subgraph, Integer> indices,
      BufferTable buffers, OperatorCodeTable opcodes, String minRuntimeVersion) {
    this.subgraphs = subgraphs;
    this.signatureCount = signatureCount;
    this.subgraphIndices = indices;
    this.buffers = buffers;
    this.opcodes = opcodes;
    this.minRuntimeVersion = minRuntimeVersion;
  }

  static ModelPlan of(LiteRtModel model) {
    if (model.subgraphs().isEmpty()) {
      throw new ConversionException("the model has no subgraphs (signatures) to write");
    }
    BufferTable buffers = new BufferTable();
    OperatorCodeTable opcodes = new OperatorCodeTable();
    String minRuntime = "";
    List<SubgraphPlan> plans = new ArrayList<>();
    java.util.Set<String> keys = new java.util.HashSet<>();
    for (LiteRtModel.Signature signature : model.signatures()) {
      if (!keys.add(signature.key())) {
        throw new ConversionException("two signatures share the key '" + signature.key() + "'");
      }
    }
    // Signatures first, then the subgraphs control flow runs: WHILE and IF options name them by index.
    List<Subgraph> all = model.allSubgraphs();
    java.util.Map<Subgraph, Integer> indices = new java.util.IdentityHashMap<>();
    for (Subgraph subgraph : all) {
      indices.put(subgraph, indices.size());
    }
    for (Subgraph subgraph : all) {
      TensorTable tensors = TensorTable.of(subgraph);
      int[] tensorBuffers = new int[tensors.tensors().size()];
      for (int i = 0; i < tensorBuffers.length; i++) {
        Tensor t = tensors.tensors().get(i);
        if (t.isVariable() && t.isConstant()) {
          // LiteRT refuses variable tensors with a buffer.
          throw new ConversionException("variable tensor '" + t.name() + "' cannot have constant data");
        }
        if (t.isConstant()) {
          tensorBuffers[i] = subgraph.isOutput(t) ? buffers.addUnshared(t.data()) : buffers.addShared(t.data());
        }
      }
      List<Operator> ops = subgraph.operators();
      int[] opcodeIndices = new int[ops.size()];
      for (int i = 0; i < opcodeIndices.length; i++) {
        Operator op = ops.get(i);
        OptionsTags.check(op.op(), op.options());
        ControlFlowChecks.check(op, subgraph);
        int version = OperatorVersions.of(op);
        opcodeIndices[i] = opcodes.indexOf(op.op(), version);
        minRuntime = RuntimeVersions.max(minRuntime, RuntimeVersions.minimumFor(op.op(), version).orElse(""));
      }
      plans.add(new SubgraphPlan(subgraph, tensors, tensorBuffers, opcodeIndices));
    }
    ModelPlan plan = new ModelPlan(List.copyOf(plans), model.subgraphs().size(), indices, buffers, opcodes, minRuntime);
    plan.aliases = model.signatures().stream().filter(s -> !s.key().equals(s.subgraph().name())).toList();
    return plan;
  }

  /** The signatures written for a subgraph that an earlier key already names. */
  List<LiteRtModel.Signature> aliases() {
    return aliases;
  }

  /** How many of {@link #subgraphs()}, from the first, are signatures. */
  int signatureCount() {
    return signatureCount;
  }

  /** The index a control-flow operator writes for {@code subgraph}. */
  int subgraphIndex(Subgraph subgraph) {
    Integer index = subgraphIndices.get(subgraph);
    if (index == null) {
      throw new IllegalStateException("subgraph not planned: " + subgraph.name());
    }
    return index;
  }

  List<SubgraphPlan> subgraphs() {
    return subgraphs;
  }

  BufferTable buffers() {
    return buffers;
  }

  OperatorCodeTable opcodes() {
    return opcodes;
  }

  /** Adds a metadata entry; its buffer always stays inside the flatbuffer. */
  void addMetadata(String name, byte[] bytes) {
    metadata.add(new MetadataEntry(name, buffers.addMetadata(bytes)));
  }

  List<MetadataEntry> metadata() {
    return metadata;
  }

  /** The empty string when no operator has a known minimum. */
  String minRuntimeVersion() {
    return minRuntimeVersion;
  }
}
