package io.litertj.tflite;

import io.litertj.tflite.schema.Buffer;
import io.litertj.tflite.schema.Metadata;
import io.litertj.tflite.schema.Model;
import io.litertj.tflite.schema.OperatorCode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Looks at a written file through the generated schema classes, for structural assertions. */
final class ModelInspector {

  final ByteBuffer file;
  final Model model;

  private ModelInspector(ByteBuffer file) {
    this.file = file;
    this.model = Model.getRootAsModel(file.duplicate().order(ByteOrder.LITTLE_ENDIAN));
  }

  static ModelInspector of(byte[] bytes) {
    return new ModelInspector(ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN));
  }

  int buffers() {
    return model.buffersLength();
  }

  Buffer buffer(int i) {
    return model.buffers(i);
  }

  /** Buffers whose data lives after the flatbuffer. */
  int outOfLineBuffers() {
    int n = 0;
    for (int i = 0; i < buffers(); i++) {
      if (buffer(i).offset() > 1) {
        n++;
      }
    }
    return n;
  }

  /** Metadata entries by name, with their buffer bytes. */
  Map<String, byte[]> metadata() {
    Map<String, byte[]> out = new LinkedHashMap<>();
    for (int i = 0; i < model.metadataLength(); i++) {
      Metadata m = model.metadata(i);
      Buffer b = model.buffers((int) m.buffer());
      byte[] bytes = new byte[b.dataLength()];
      b.dataAsByteBuffer().get(bytes);
      out.put(m.name(), bytes);
    }
    return out;
  }

  String metadataString(String name) {
    byte[] bytes = metadata().get(name);
    int end = 0;
    while (end < bytes.length && bytes[end] != 0) {
      end++;
    }
    return new String(bytes, 0, end, StandardCharsets.US_ASCII);
  }

  OperatorCode opcode(int i) {
    return model.operatorCodes(i);
  }

  io.litertj.tflite.schema.Tensor tensor(int subgraph, String name) {
    var sg = model.subgraphs(subgraph);
    for (int i = 0; i < sg.tensorsLength(); i++) {
      if (name.equals(sg.tensors(i).name())) {
        return sg.tensors(i);
      }
    }
    throw new AssertionError("no tensor " + name);
  }
}
