package io.litertj.savedmodel;

import io.litertj.ConversionException;
import io.litertj.tfgraph.GraphFlattener;
import io.litertj.tfgraph.TfTypes;
import io.litertj.tfgraph.VariableSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;

/**
 * An opened SavedModel: the chosen MetaGraph, its signatures, its flattened graph and its
 * variables. This is the first stage of the pipeline for SavedModel input.
 */
public final class SavedModelSource implements AutoCloseable {

  /** Signatures that are bookkeeping, not computations a user converts. */
  private static final String INIT_OP_SIGNATURE = "__saved_model_init_op";

  private final Path dir;
  private final MetaGraphDef meta;
  private final GraphFlattener graph;
  private final CheckpointVariables variables;

  private SavedModelSource(Path dir, MetaGraphDef meta) {
    this.dir = dir;
    this.meta = meta;
    this.graph = new GraphFlattener(meta.getGraphDef(), meta.getMetaInfoDef().getStrippedOpList().getOpList(),
        dir.resolve("saved_model.pb"));
    this.variables = new CheckpointVariables(dir, meta);
  }

  public static SavedModelSource open(Path dir, Set<String> tags) {
    return new SavedModelSource(dir, SavedModelDir.loadMetaGraph(dir, tags));
  }

  public Path dir() {
    return dir;
  }

  public GraphFlattener graph() {
    return graph;
  }

  public VariableSource variables() {
    return variables;
  }

  /** Signature keys in sorted order, without the init-op bookkeeping signature. */
  public List<String> signatureKeys() {
    List<String> keys = new ArrayList<>();
    for (String key : new TreeMap<>(meta.getSignatureDefMap()).keySet()) {
      if (!key.equals(INIT_OP_SIGNATURE)) {
        keys.add(key);
      }
    }
    return keys;
  }

  public SignatureInfo signature(String key) {
    SignatureDef def = meta.getSignatureDefMap().get(key);
    if (def == null || key.equals(INIT_OP_SIGNATURE)) {
      throw ConversionException.builder("the SavedModel has no signature '" + key + "'")
          .file(dir.resolve("saved_model.pb"))
          .hint("its signatures are " + signatureKeys() + "; pass one of them (--saved_model_signature_key)")
          .build();
    }
    return new SignatureInfo(key, specs(def.getInputsMap()), specs(def.getOutputsMap()));
  }

  private List<SignatureInfo.TensorSpec> specs(Map<String, TensorInfo> infos) {
    List<SignatureInfo.TensorSpec> specs = new ArrayList<>();
    for (Map.Entry<String, TensorInfo> e : new TreeMap<>(infos).entrySet()) {
      TensorInfo info = e.getValue();
      if (info.getEncodingCase() != TensorInfo.EncodingCase.NAME) {
        throw ConversionException.builder("signature tensor '" + e.getKey() + "' is a sparse or composite tensor")
            .file(dir.resolve("saved_model.pb"))
            .hint("LiteRT models take dense tensors only; export a signature with dense inputs and outputs")
            .build();
      }
      specs.add(new SignatureInfo.TensorSpec(e.getKey(), info.getName(), info.getDtype(),
          info.hasTensorShape() ? TfTypes.toIr(info.getTensorShape()) : null));
    }
    return specs;
  }

  @Override
  public void close() {
    variables.close();
  }
}
