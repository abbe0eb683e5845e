package io.litertj.keras.reader;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Link;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfException;
import io.jhdf.links.ExternalLink;
import io.litertj.ConversionException;
import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * HDF5 access through jHDF. jHDF trusts the sizes a file declares, so everything it reads is first
 * bounded by the bytes that exist: files are read from memory (a damaged object header size then
 * fails as a read past the end instead of sizing an allocation), and a dataset or attribute must
 * fit in the file before its data is read. What jHDF itself fails on is a damaged file; what fails
 * in our code is ours, and is left to surface as an internal error.
 */
final class H5Reading {

  /** Deflate, the only compression Keras files use, cannot expand data more than ~1032 times. */
  static final long MAX_INFLATION = 1032;
  /** Larger attributes than this are not Keras metadata: a hostile element count. */
  static final long MAX_ATTRIBUTE_ELEMENTS = 1L << 20;

  private H5Reading() {}

  /** Opens a file from memory (a read-only mapping); files over 2 GB through jHDF's file channel. */
  static HdfFile open(Path file) {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      if (channel.size() <= Integer.MAX_VALUE) {
        return open(channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size()), file);
      }
    } catch (IOException e) {
      throw io.litertj.files.FileErrors.reading("the Keras file", file, e).build();
    }
    try {
      return new HdfFile(file);
    } catch (RuntimeException e) {
      throw failure(file, e);
    }
  }

  static HdfFile open(ByteBuffer bytes, Path file) {
    try {
      return HdfFile.fromByteBuffer(bytes);
    } catch (RuntimeException e) {
      throw failure(file, e);
    }
  }

  /**
   * {@code e} as the user should see it: a failure inside jHDF means the file is damaged (or uses
   * HDF5 that jHDF cannot read); anything else is returned as it is, for the API to report as ours.
   */
  static RuntimeException failure(Path file, RuntimeException e) {
    if (e instanceof ConversionException || !thrownByJhdf(e)) {
      return e;
    }
    String detail = e instanceof HdfException && e.getMessage() != null ? " (" + e.getMessage() + ")" : "";
    return corrupt(file, "the HDF5 structure is damaged" + detail, e);
  }

  static ConversionException corrupt(Path file, String what, Throwable cause) {
    return ConversionException.builder("cannot read the HDF5 data: " + what)
        .file(file)
        .hint("the file is truncated, damaged or incomplete; save the model again")
        .cause(cause)
        .build();
  }

  /** Whether the first frame outside the JDK that threw {@code e} is jHDF's. */
  private static boolean thrownByJhdf(Throwable e) {
    if (e instanceof HdfException) {
      return true;
    }
    for (StackTraceElement frame : e.getStackTrace()) {
      String cls = frame.getClassName();
      if (cls.startsWith("java.") || cls.startsWith("jdk.") || cls.startsWith("sun.")) {
        continue;
      }
      return cls.startsWith("io.jhdf.");
    }
    return false;
  }

  /** The child {@code name} of {@code group}, or null when there is none; a link is refused. */
  static Node child(Group group, String name, Path file) {
    Node node = group.getChild(name);
    return node == null ? null : notALink(node, file);
  }

  /** The children of {@code group}; any link among them is refused. */
  static Collection<Node> children(Group group, Path file) {
    Collection<Node> children = group.getChildren().values();
    for (Node child : children) {
      notALink(child, file);
    }
    return children;
  }

  /**
   * {@code node}, unless it is a link. Keras stores every weight and group in the file itself; an
   * external link would make jHDF open whatever file it names (any path on this machine) as soon as
   * anything asks the link for its target, and a soft link can loop. So a link is refused by name
   * before anything resolves it; only its own fields are read here.
   */
  static Node notALink(Node node, Path file) {
    if (node instanceof ExternalLink link) {
      String target = link.getTargetPath(); // "file:object", read without opening anything
      int split = target.lastIndexOf(":/");
      String where = split < 0 ? target : target.substring(0, split) + " (object " + target.substring(split + 1) + ")";
      throw ConversionException.builder("the HDF5 object " + node.getPath() + " is an external link to the file "
              + where + "; litertj reads only the model file and opens no file that it names")
          .file(file)
          .hint("save the model again so that its weights are stored in the file (model.save), not linked")
          .build();
    }
    if (node instanceof Link link) {
      throw ConversionException.builder("the HDF5 object " + node.getPath() + " is a soft link to "
              + link.getTargetPath() + "; Keras files store their groups and weights directly, never as links")
          .file(file)
          .hint("save the model again with model.save; the file was edited or damaged")
          .build();
    }
    return node;
  }

  /** A string attribute (Keras writes them as strings or 1-element string arrays), or null. */
  static String stringAttribute(Node node, String name, Path file) {
    Object data = attributeData(node, name, file);
    if (data instanceof String s) {
      return s;
    }
    if (data instanceof String[] s && s.length == 1) {
      return s[0];
    }
    return null;
  }

  /**
   * A list-of-strings attribute such as {@code weight_names}; empty when absent. Keras splits long
   * lists over {@code name0}, {@code name1}, ... (HDF5 limits an object header to 64 KiB).
   */
  static List<String> stringList(Node node, String name, Path file) {
    List<String> out = new ArrayList<>();
    if (node.getAttribute(name) == null) {
      for (int chunk = 0; node.getAttribute(name + chunk) != null; chunk++) {
        out.addAll(stringList(node, name + chunk, file));
      }
      return out;
    }
    Object data = attributeData(node, name, file);
    if (data instanceof String s) {
      out.add(s);
    } else if (data != null && data.getClass().isArray()) {
      for (int i = 0; i < Array.getLength(data); i++) {
        Object v = Array.get(data, i);
        if (v != null) {
          out.add(v.toString());
        }
      }
    }
    return out;
  }

  private static Object attributeData(Node node, String name, Path file) {
    Attribute a = node.getAttribute(name);
    if (a == null) {
      return null;
    }
    long size = a.getSize();
    if (size < 0 || size > MAX_ATTRIBUTE_ELEMENTS) {
      throw corrupt(file, "attribute " + name + " of " + node.getPath() + " claims " + size + " elements", null);
    }
    return a.getData();
  }

  /** Reads a dataset as float32 values (float, double and integer datasets are converted). */
  static Weight readWeight(Dataset d, String name, Path file, long fileBytes) {
    long bytes = d.getSizeInBytes();
    long limit = d.getFilters().isEmpty() ? fileBytes : fileBytes * MAX_INFLATION;
    if (d.getSize() < 0 || bytes < 0 || bytes > limit || d.getSize() > Integer.MAX_VALUE - 8) {
      throw corrupt(file, "weight " + name + " claims " + Arrays.toString(d.getDimensionsAsLong()) + " elements ("
          + bytes + " bytes), more than the file can hold", null);
    }
    Class<?> type = d.getJavaType();
    if (d.isCompound() || !(type.isPrimitive() && type != boolean.class && type != char.class
        || Number.class.isAssignableFrom(type))) {
      throw corrupt(file, "weight " + name + " is not numeric", null);
    }
    int[] shape = d.isScalar() ? new int[0] : d.getDimensions();
    Object flat = d.isScalar() ? wrapScalar(d.getData()) : d.getDataFlat();
    if (flat instanceof float[] f) {
      return new Weight(name, shape, f);
    }
    int n = Array.getLength(flat);
    float[] values = new float[n];
    for (int i = 0; i < n; i++) {
      Object v = Array.get(flat, i);
      if (!(v instanceof Number num)) {
        throw corrupt(file, "weight " + name + " is not numeric", null);
      }
      values[i] = num.floatValue();
    }
    return new Weight(name, shape, values);
  }

  private static Object wrapScalar(Object value) {
    Object array = Array.newInstance(value.getClass(), 1);
    Array.set(array, 0, value);
    return array;
  }
}
