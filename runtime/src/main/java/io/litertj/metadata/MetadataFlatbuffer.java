package io.litertj.metadata;

import com.google.flatbuffers.FlatBufferBuilder;
import io.litertj.metadata.schema.AudioProperties;
import io.litertj.metadata.schema.Content;
import io.litertj.metadata.schema.ContentProperties;
import io.litertj.metadata.schema.FeatureProperties;
import io.litertj.metadata.schema.ImageProperties;
import io.litertj.metadata.schema.NormalizationOptions;
import io.litertj.metadata.schema.ProcessUnit;
import io.litertj.metadata.schema.ProcessUnitOptions;
import io.litertj.metadata.schema.Stats;
import io.litertj.metadata.schema.SubGraphMetadata;
import java.util.List;
import java.util.Map;

/**
 * Builds the {@code ModelMetadata} flatbuffer (file identifier {@code M001}) with the classes flatc
 * generates from our {@code litertj_metadata.fbs}. One {@code TensorMetadata} per subgraph input
 * and output, in the subgraph's order, named as the signature names the tensor; every tensor gets
 * a content (feature unless told otherwise), as the official metadata writers give it.
 */
final class MetadataFlatbuffer {

  private MetadataFlatbuffer() {}

  /**
   * @param inputNames  the subgraph's inputs, in order
   * @param outputNames the subgraph's outputs, in order
   */
  static byte[] build(ModelMetadata meta, List<String> inputNames, List<String> outputNames) {
    FlatBufferBuilder b = new FlatBufferBuilder(1024);
    int inputs = io.litertj.metadata.schema.SubGraphMetadata.createInputTensorMetadataVector(b,
        tensors(b, inputNames, meta.inputs()));
    int outputs = io.litertj.metadata.schema.SubGraphMetadata.createOutputTensorMetadataVector(b,
        tensors(b, outputNames, meta.outputs()));
    SubGraphMetadata.startSubGraphMetadata(b);
    SubGraphMetadata.addInputTensorMetadata(b, inputs);
    SubGraphMetadata.addOutputTensorMetadata(b, outputs);
    int subgraph = SubGraphMetadata.endSubGraphMetadata(b);
    int subgraphs = io.litertj.metadata.schema.ModelMetadata.createSubgraphMetadataVector(b, new int[] {subgraph});
    int name = string(b, meta.name());
    int description = string(b, meta.description());
    int version = string(b, meta.version());
    int author = string(b, meta.author());
    int license = string(b, meta.license());
    int files = meta.files().isEmpty() ? 0
        : io.litertj.metadata.schema.ModelMetadata.createAssociatedFilesVector(b, files(b, meta.files()));
    int minParser = b.createString(MinParserVersion.of(meta));
    int root = io.litertj.metadata.schema.ModelMetadata.createModelMetadata(b, name, description, version,
        subgraphs, author, license, files, minParser);
    io.litertj.metadata.schema.ModelMetadata.finishModelMetadataBuffer(b, root);
    return b.sizedByteArray();
  }

  private static int[] tensors(FlatBufferBuilder b, List<String> names, Map<String, TensorMetadata> given) {
    int[] out = new int[names.size()];
    for (int i = 0; i < out.length; i++) {
      TensorMetadata t = given.get(names.get(i));
      out[i] = tensor(b, names.get(i), t == null ? TensorMetadata.builder().build() : t);
    }
    return out;
  }

  private static int tensor(FlatBufferBuilder b, String name, TensorMetadata t) {
    int nameOffset = b.createString(name);
    int description = string(b, t.description());
    int content = content(b, t.content());
    int processUnits = 0;
    if (t.mean() != null) {
      int mean = NormalizationOptions.createMeanVector(b, t.mean());
      int std = NormalizationOptions.createStdVector(b, t.std());
      int options = NormalizationOptions.createNormalizationOptions(b, mean, std);
      int unit = ProcessUnit.createProcessUnit(b, ProcessUnitOptions.NormalizationOptions, options);
      processUnits = io.litertj.metadata.schema.TensorMetadata.createProcessUnitsVector(b, new int[] {unit});
    }
    int stats = 0;
    if (t.min() != null) {
      int max = Stats.createMaxVector(b, t.max());
      int min = Stats.createMinVector(b, t.min());
      stats = Stats.createStats(b, max, min);
    }
    int files = t.files().isEmpty() ? 0
        : io.litertj.metadata.schema.TensorMetadata.createAssociatedFilesVector(b, files(b, t.files()));
    return io.litertj.metadata.schema.TensorMetadata.createTensorMetadata(b, nameOffset, description, 0, content,
        processUnits, stats, files);
  }

  private static int content(FlatBufferBuilder b, TensorContent content) {
    byte type;
    int properties;
    if (content instanceof TensorContent.Image image) {
      type = ContentProperties.ImageProperties;
      properties = ImageProperties.createImageProperties(b, image.colorSpace().schemaValue, 0);
    } else if (content instanceof TensorContent.Audio audio) {
      type = ContentProperties.AudioProperties;
      properties = AudioProperties.createAudioProperties(b, audio.sampleRate(), audio.channels());
    } else {
      type = ContentProperties.FeatureProperties;
      FeatureProperties.startFeatureProperties(b);
      properties = FeatureProperties.endFeatureProperties(b);
    }
    return Content.createContent(b, type, properties, 0);
  }

  private static int[] files(FlatBufferBuilder b, List<AssociatedFile> files) {
    int[] out = new int[files.size()];
    for (int i = 0; i < out.length; i++) {
      AssociatedFile f = files.get(i);
      int name = b.createString(f.name());
      int description = string(b, f.description());
      int locale = string(b, f.locale());
      out[i] = io.litertj.metadata.schema.AssociatedFile.createAssociatedFile(b, name, description,
          f.type().schemaValue(), locale, 0);
    }
    return out;
  }

  private static int string(FlatBufferBuilder b, String s) {
    return s == null ? 0 : b.createString(s);
  }
}
