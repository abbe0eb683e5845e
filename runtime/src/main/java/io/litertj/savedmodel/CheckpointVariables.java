package io.litertj.savedmodel;

import io.litertj.ConversionException;
import io.litertj.checkpoint.CheckpointEntry;
import io.litertj.checkpoint.CheckpointReader;
import io.litertj.ir.ConstantData;
import io.litertj.ir.DataType;
import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;
import io.litertj.tfgraph.TfNode;
import io.litertj.tfgraph.TfTypes;
import io.litertj.tfgraph.VariableSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.tensorflow.proto.MetaGraphDef;

/**
 * Variables of a SavedModel, read from {@code variables/} when first needed: a model whose
 * signatures read no variable converts even without a checkpoint. The tensors share the
 * checkpoint's memory map; nothing is copied here.
 */
final class CheckpointVariables implements VariableSource, AutoCloseable {

  private final Path dir;
  private final MetaGraphDef meta;
  private final Map<String, Tensor> cache = new HashMap<>();
  private CheckpointReader checkpoint;
  private VariableKeys keys;

  CheckpointVariables(Path dir, MetaGraphDef meta) {
    this.dir = dir;
    this.meta = meta;
  }

  @Override
  public Tensor read(TfNode variableNode) {
    Tensor cached = cache.get(variableNode.name());
    if (cached != null) {
      return cached;
    }
    open(variableNode);
    String key = keys.keyOf(variableNode.name());
    if (!checkpoint.contains(key)) {
      throw ConversionException.builder("variable '" + variableNode.name() + "' has no value in the checkpoint (key '"
              + key + "')")
          .node(variableNode.name())
          .opType(variableNode.op())
          .file(dir.resolve("variables"))
          .hint("the variables/ directory does not belong to this saved_model.pb; re-export the SavedModel")
          .build();
    }
    CheckpointEntry entry = checkpoint.entry(key);
    DataType type = TfTypes.toIr(entry.dtype());
    if (type == null || type == DataType.STRING) {
      throw ConversionException.builder("variable '" + variableNode.name() + "' has type " + entry.dtype()
              + ", which LiteRT constants cannot hold")
          .node(variableNode.name())
          .opType(variableNode.op())
          .file(dir.resolve("variables"))
          .build();
    }
    Shape shape = Shape.ofLongs(entry.shape());
    Tensor tensor = Tensor.constant(variableNode.name(), type, shape, ConstantData.of(checkpoint.read(key)));
    cache.put(variableNode.name(), tensor);
    return tensor;
  }

  private void open(TfNode variableNode) {
    if (checkpoint != null) {
      return;
    }
    Path variables = dir.resolve("variables");
    if (!Files.isDirectory(variables)) {
      throw ConversionException.builder("the graph reads variable '" + variableNode.name()
              + "', but the SavedModel has no variables/ directory")
          .node(variableNode.name())
          .file(dir)
          .hint("copy the whole SavedModel directory, including variables/")
          .build();
    }
    // Both or neither: a checkpoint whose keys cannot be read fails every signature the same way.
    CheckpointReader reader = CheckpointReader.open(variables.resolve("variables"));
    try {
      keys = new VariableKeys(meta, reader, variables);
    } catch (RuntimeException e) {
      reader.close();
      throw e;
    }
    checkpoint = reader;
  }

  @Override
  public void close() {
    if (checkpoint != null) {
      checkpoint.close();
    }
  }
}
