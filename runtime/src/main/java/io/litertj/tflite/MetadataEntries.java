package io.litertj.tflite;

import io.litertj.tflite.schema.Model;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/** The names of a {@code .tflite} file's {@code Model.metadata} entries. */
public final class MetadataEntries {

  private MetadataEntries() {}

  /**
   * The entry names of a file that {@link TfliteReader} has read (and so verified); empty when the
   * file cannot be read again.
   */
  public static List<String> names(Path verifiedFile) {
    try (FileChannel channel = FileChannel.open(verifiedFile, StandardOpenOption.READ)) {
      MappedByteBuffer bytes = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
      Model model = Model.getRootAsModel(bytes.order(ByteOrder.LITTLE_ENDIAN));
      List<String> names = new ArrayList<>();
      for (int i = 0; i < model.metadataLength(); i++) {
        names.add(model.metadata(i).name());
      }
      return names;
    } catch (IOException | RuntimeException e) {
      return List.of(); // only used for a warning; the model itself was read already
    }
  }
}
