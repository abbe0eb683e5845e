package io.litertj.keras.reader;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import io.litertj.ConversionException;
import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** HDF5 access through jHDF, with every library failure turned into a {@link ConversionException}. */
final class H5Reading {

  private H5Reading() {}

  static HdfFile open(Path file) {
    try {
      return new HdfFile(file);
    } catch (RuntimeException e) {
      throw corrupt(file, e);
    }
  }

  static HdfFile open(ByteBuffer bytes, Path file) {
    try {
      return HdfFile.fromByteBuffer(bytes);
    } catch (RuntimeException e) {
      throw corrupt(file, e);
    }
  }

  static ConversionException corrupt(Path file, Throwable e) {
    return ConversionException.builder("cannot read the HDF5 data: " + e.getMessage())
        .file(file)
        .hint("the file is truncated, damaged or incomplete; save the model again")
        .cause(e)
        .build();
  }

  /** A string attribute (Keras writes them as strings or 1-element string arrays), or null. */
  static String stringAttribute(Node node, String name) {
    Attribute a = node.getAttribute(name);
    if (a == null) {
      return null;
    }
    Object data = a.getData();
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
  static List<String> stringList(Node node, String name) {
    List<String> out = new ArrayList<>();
    if (node.getAttribute(name) == null) {
      for (int chunk = 0; node.getAttribute(name + chunk) != null; chunk++) {
        out.addAll(stringList(node, name + chunk));
      }
      return out;
    }
    Attribute a = node.getAttribute(name);
    Object data = a.getData();
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

  /** Larger weights than this (1 GiB of floats) are refused before reading: a hostile size claim. */
  static final long MAX_WEIGHT_ELEMENTS = 1L << 28;

  /** Reads a dataset as float32 values (float, double and integer datasets are converted). */
  static Weight readWeight(Dataset d, String name) {
    if (d.getSize() > MAX_WEIGHT_ELEMENTS) {
      throw new IllegalArgumentException("weight " + name + " claims " + d.getSize() + " elements");
    }
    int[] shape = d.isScalar() ? new int[0] : d.getDimensions();
    Object flat = d.isScalar() ? wrapScalar(d.getData()) : d.getDataFlat();
    int n = Array.getLength(flat);
    float[] values = new float[n];
    if (flat instanceof float[] f) {
      values = f;
    } else {
      for (int i = 0; i < n; i++) {
        Object v = Array.get(flat, i);
        if (!(v instanceof Number num)) {
          throw new IllegalArgumentException("weight " + name + " is not numeric (" + d.getJavaType() + ")");
        }
        values[i] = num.floatValue();
      }
    }
    return new Weight(name, shape, values);
  }

  private static Object wrapScalar(Object value) {
    Object array = Array.newInstance(value.getClass(), 1);
    Array.set(array, 0, value);
    return array;
  }
}
