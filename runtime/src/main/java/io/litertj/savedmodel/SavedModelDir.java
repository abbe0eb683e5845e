package io.litertj.savedmodel;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import io.litertj.ConversionException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.SavedModel;

/**
 * Reads {@code saved_model.pb} and picks the MetaGraph whose tag set equals the requested one.
 */
public final class SavedModelDir {

  /** Protobuf messages cannot exceed 2 GiB; a larger file is not a SavedModel we can parse. */
  private static final long MAX_PROTO_BYTES = Integer.MAX_VALUE;

  private SavedModelDir() {}

  /** Loads the MetaGraph tagged exactly {@code tags} from the SavedModel in {@code dir}. */
  public static MetaGraphDef loadMetaGraph(Path dir, Set<String> tags) {
    SavedModel model = parse(dir);
    List<Set<String>> available = new ArrayList<>();
    for (MetaGraphDef meta : model.getMetaGraphsList()) {
      Set<String> metaTags = new HashSet<>(meta.getMetaInfoDef().getTagsList());
      if (metaTags.equals(tags)) {
        return meta;
      }
      available.add(new TreeSet<>(metaTags));
    }
    throw ConversionException.builder("the SavedModel has no MetaGraph tagged " + String.join(",", new TreeSet<>(tags)))
        .file(dir.resolve("saved_model.pb"))
        .usage()
        .hint("its tag sets are " + String.join(" and ", available.stream().map(t -> String.join(",", t)).toList())
            + "; pass one of them (--saved_model_tag_set)")
        .build();
  }

  static SavedModel parse(Path dir) {
    Path pb = dir.resolve("saved_model.pb");
    if (!Files.isDirectory(dir)) {
      throw ConversionException.builder((Files.exists(dir) ? "the SavedModel path " + dir + " is a file, not a directory"
              : "SavedModel directory not found: " + dir))
          .named(dir)
          .hint("pass the directory that holds saved_model.pb (a .keras or .h5 file is a Keras model:"
              + " --keras_model_file)")
          .build();
    }
    try {
      long size = Files.size(pb);
      if (size > MAX_PROTO_BYTES) {
        throw ConversionException.builder("saved_model.pb is " + size + " bytes, more than a protobuf can hold")
            .file(pb)
            .build();
      }
      // Parsed from a mapping of the whole file: every length the file declares is checked against
      // the bytes that exist before anything of that length is allocated.
      try (FileChannel channel = FileChannel.open(pb, StandardOpenOption.READ)) {
        CodedInputStream coded = CodedInputStream.newInstance(channel.map(FileChannel.MapMode.READ_ONLY, 0, size));
        coded.setRecursionLimit(1000);
        SavedModel model = SavedModel.parseFrom(coded);
        if (model.getMetaGraphsCount() == 0) {
          throw ConversionException.builder("saved_model.pb holds no MetaGraph")
              .file(pb)
              .hint("the file is empty or not a SavedModel; re-export it")
              .build();
        }
        return model;
      }
    } catch (NoSuchFileException e) {
      throw ConversionException.builder("saved_model.pb not found in " + dir)
          .named(pb)
          .hint("pass the directory that tf.saved_model.save wrote (it holds saved_model.pb and variables/)")
          .build();
    } catch (InvalidProtocolBufferException e) {
      throw ConversionException.builder("saved_model.pb is truncated or corrupt: " + e.getMessage())
          .file(pb)
          .hint("copy or export the SavedModel again")
          .cause(e)
          .build();
    } catch (IOException e) {
      throw io.litertj.files.FileErrors.reading("saved_model.pb", pb, e).build();
    }
  }
}
