package io.litertj.graphdef;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.TextFormat;
import io.litertj.ConversionException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import org.tensorflow.proto.GraphDef;

/**
 * Reads a frozen GraphDef: binary protobuf ({@code .pb}) or protobuf text ({@code .pbtxt}). As
 * {@code tflite_convert} does, a file that does not parse as one format is tried as the other;
 * the extension only decides which comes first.
 */
public final class GraphDefFile {

  /** Protobuf messages cannot exceed 2 GiB. */
  private static final long MAX_BINARY_BYTES = Integer.MAX_VALUE;
  /** Text is parsed from a String; text GraphDefs are small test graphs, never weights of gigabytes. */
  private static final long MAX_TEXT_BYTES = 256L << 20;
  private static final int RECURSION_LIMIT = 1000;

  private GraphDefFile() {}

  public static GraphDef read(Path file) {
    if (Files.isDirectory(file)) {
      throw ConversionException.builder("the GraphDef file is a directory")
          .file(file)
          .hint("pass the .pb or .pbtxt file itself; a SavedModel directory goes to --saved_model_dir")
          .build();
    }
    long size;
    try {
      size = Files.size(file);
    } catch (NoSuchFileException e) {
      throw ConversionException.builder("GraphDef file not found").file(file).build();
    } catch (IOException e) {
      throw ConversionException.builder("cannot read the GraphDef file: " + e.getMessage()).file(file).cause(e).build();
    }
    if (size == 0) {
      throw ConversionException.builder("the GraphDef file is empty").file(file).build();
    }
    if (size > MAX_BINARY_BYTES) {
      throw ConversionException.builder("the GraphDef file is " + size + " bytes, more than a protobuf can hold")
          .file(file)
          .hint("graphs this large keep their weights in variables: convert the SavedModel instead")
          .build();
    }
    boolean textFirst = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".pbtxt")
        || file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".txt");
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer bytes = channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
      Attempt first = textFirst ? text(bytes, size) : binary(bytes);
      if (first.graph() != null) {
        return first.graph();
      }
      Attempt second = textFirst ? binary(bytes) : text(bytes, size);
      if (second.graph() != null) {
        return second.graph();
      }
      Attempt asBinary = textFirst ? second : first;
      Attempt asText = textFirst ? first : second;
      throw ConversionException.builder("the file is not a GraphDef, neither binary (" + asBinary.error()
              + ") nor text (" + asText.error() + ")")
          .file(file)
          .hint("pass a frozen graph written by tf.io.write_graph or GraphDef.SerializeToString")
          .build();
    } catch (IOException e) {
      throw ConversionException.builder("cannot read the GraphDef file: " + e.getMessage()).file(file).cause(e).build();
    }
  }

  /** A parsed graph, or why the bytes are not one in this format. */
  private record Attempt(GraphDef graph, String error) {
    static Attempt failed(String error) {
      return new Attempt(null, error);
    }
  }

  private static Attempt binary(ByteBuffer bytes) {
    try {
      // Every length the file declares is checked against the bytes that exist before allocating.
      CodedInputStream coded = CodedInputStream.newInstance(bytes.duplicate());
      coded.setRecursionLimit(RECURSION_LIMIT);
      GraphDef graph = GraphDef.parseFrom(coded);
      return graph.getNodeCount() == 0 ? Attempt.failed("it holds no nodes") : new Attempt(graph, null);
    } catch (IOException e) {
      return Attempt.failed(e.getMessage());
    }
  }

  private static Attempt text(ByteBuffer bytes, long size) {
    if (size > MAX_TEXT_BYTES) {
      return Attempt.failed("a text GraphDef over " + (MAX_TEXT_BYTES >> 20) + " MB is not read");
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(bytes.duplicate())
          .toString();
    } catch (CharacterCodingException e) {
      return Attempt.failed("not UTF-8 text");
    }
    try {
      GraphDef.Builder graph = GraphDef.newBuilder();
      TextFormat.getParser().merge(text, graph);
      return graph.getNodeCount() == 0 ? Attempt.failed("it holds no nodes") : new Attempt(graph.build(), null);
    } catch (TextFormat.ParseException e) {
      return Attempt.failed(e.getMessage());
    }
  }
}
