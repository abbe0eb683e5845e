package io.litertj.metadata;

import io.litertj.ConversionException;
import io.litertj.ir.LiteRtModel;
import io.litertj.ir.Shape;
import io.litertj.ir.Subgraph;
import io.litertj.ir.Tensor;
import io.litertj.tflite.Attachments;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Checks metadata against the model it describes and turns it into what the writer packs: the
 * {@code TFLITE_METADATA} entry and the associated files (read now), in a fixed order.
 */
public final class MetadataAttachments {

  /** The name of the metadata entry readers look for. */
  public static final String ENTRY_NAME = "TFLITE_METADATA";

  private MetadataAttachments() {}

  public static Attachments of(ModelMetadata meta, LiteRtModel model) {
    if (model.subgraphs().size() != 1) {
      throw ConversionException.builder("TFLite metadata describes one subgraph, but the model has "
              + model.subgraphs().size() + " signatures " + keys(model))
          .hint("convert one signature (--saved_model_signature_key; API: signatureKeys(...)) to add metadata")
          .build();
    }
    Subgraph subgraph = model.subgraphs().get(0);
    check("input", meta.inputs(), subgraph.inputs());
    check("output", meta.outputs(), subgraph.outputs());
    Map<String, byte[]> packed = new LinkedHashMap<>();
    for (AssociatedFile f : meta.files()) {
      pack(f, packed);
    }
    meta.inputs().values().forEach(t -> t.files().forEach(f -> pack(f, packed)));
    meta.outputs().values().forEach(t -> t.files().forEach(f -> pack(f, packed)));
    byte[] flatbuffer = MetadataFlatbuffer.build(meta, List.copyOf(subgraph.inputs().keySet()),
        List.copyOf(subgraph.outputs().keySet()));
    List<Attachments.PackedFile> files = new ArrayList<>();
    packed.forEach((name, bytes) -> files.add(new Attachments.PackedFile(name, bytes)));
    return new Attachments(List.of(new Attachments.Entry(ENTRY_NAME, flatbuffer)), files);
  }

  /** Checks that every associated file given by path exists, before any work is done. */
  public static void checkFiles(ModelMetadata meta) {
    List<AssociatedFile> all = new ArrayList<>(meta.files());
    meta.inputs().values().forEach(t -> all.addAll(t.files()));
    meta.outputs().values().forEach(t -> all.addAll(t.files()));
    for (AssociatedFile f : all) {
      f.checkReadable();
    }
  }

  private static void check(String role, Map<String, TensorMetadata> given, Map<String, Tensor> tensors) {
    for (Map.Entry<String, TensorMetadata> e : given.entrySet()) {
      Tensor tensor = tensors.get(e.getKey());
      if (tensor == null) {
        throw ConversionException.builder("the metadata describes " + role + " '" + e.getKey()
                + "', which the model does not have")
            .hint("the model's " + role + "s are " + new TreeSet<>(tensors.keySet()))
            .build();
      }
      TensorMetadata t = e.getValue();
      checkChannels(role, e.getKey(), tensor.shape(), "normalization mean", t.mean());
      checkChannels(role, e.getKey(), tensor.shape(), "value range min", t.min());
    }
  }

  /** Per-channel values come one for all channels or one per channel (the last dimension). */
  private static void checkChannels(String role, String name, Shape shape, String what, float[] values) {
    if (values == null || values.length == 1 || shape.rank() == 0) {
      return;
    }
    int channels = shape.dim(shape.rank() - 1);
    if (channels != Shape.DYNAMIC && values.length != channels) {
      throw ConversionException.builder("the " + what + " of " + role + " '" + name + "' has " + values.length
              + " values " + Arrays.toString(values) + ", but the " + role + " " + shape + " has " + channels
              + " channels")
          .hint("give one value for all channels or one per channel")
          .build();
    }
  }

  private static void pack(AssociatedFile f, Map<String, byte[]> packed) {
    byte[] bytes = f.bytes();
    byte[] earlier = packed.get(f.name());
    if (earlier == null) {
      packed.put(f.name(), bytes);
    } else if (!Arrays.equals(earlier, bytes)) {
      throw ConversionException.builder("two different associated files are named '" + f.name()
              + "'; the model file packs them by name")
          .hint("rename one of them")
          .build();
    }
  }

  private static List<String> keys(LiteRtModel model) {
    return model.subgraphs().stream().map(Subgraph::name).toList();
  }
}
