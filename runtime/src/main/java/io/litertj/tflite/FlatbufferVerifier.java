package io.litertj.tflite;

import io.litertj.ConversionException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Checks the structure of a flatbuffer before anything reads it, as FlatBuffers' C++ verifier does
 * (the Java runtime has none): every table, vtable, vector and string lies inside the buffer,
 * strings are NUL-terminated UTF-8, nesting and the number of tables are bounded. After it passes,
 * the generated accessors cannot read outside the buffer. What a field means is not its business.
 */
final class FlatbufferVerifier {

  /** LiteRT's own verifier limits. */
  static final int MAX_DEPTH = 64;
  static final int MAX_TABLES = 1_000_000;

  private final ByteBuffer buf;
  private final FbsSchema schema;
  private final long size;
  private int tables;
  /** Where the walk is, for messages: field names and vector indices, innermost last. */
  private final String[] names = new String[MAX_DEPTH * 2 + 4];
  private final int[] indices = new int[MAX_DEPTH * 2 + 4];
  private int depth;
  private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPORT)
      .onUnmappableCharacter(CodingErrorAction.REPORT);

  private FlatbufferVerifier(ByteBuffer buf, FbsSchema schema) {
    this.buf = buf.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    this.schema = schema;
    this.size = this.buf.limit();
  }

  /** Verifies a whole {@code .tflite} flatbuffer from position 0 of {@code file}. */
  static void verifyModel(ByteBuffer file) {
    new FlatbufferVerifier(file, FbsSchema.litert()).verifyRoot();
  }

  private void verifyRoot() {
    if (size < 8) {
      throw fail("the file has only " + size + " bytes");
    }
    long root = u32(0);
    push("root", -1);
    verifyTable(schema.root(), root);
    pop();
  }

  private void verifyTable(FbsSchema.Table table, long pos) {
    if (++tables > MAX_TABLES) {
      throw fail("more than " + MAX_TABLES + " tables (a damaged file that points back into itself)");
    }
    if (depth > MAX_DEPTH) {
      throw fail("tables nest deeper than " + MAX_DEPTH + " levels");
    }
    need(pos, 4, "table " + table.name());
    long vtable = pos - buf.getInt((int) pos);
    need(vtable, 4, "the vtable of " + table.name());
    int vsize = u16(vtable);
    int tsize = u16(vtable + 2);
    if (vsize < 4 || (vsize & 1) != 0) {
      throw fail("the vtable of " + table.name() + " has an impossible size " + vsize);
    }
    need(vtable, vsize, "the vtable of " + table.name());
    need(pos, tsize, "table " + table.name());
    int slots = (vsize - 4) / 2;
    for (int id = 0; id < slots && id < table.fields().size(); id++) {
      FbsSchema.Field f = table.fields().get(id);
      int offset = u16(vtable + 4 + 2L * id);
      if (f == null || offset == 0) {
        continue;
      }
      long at = pos + offset;
      push(f.name(), -1);
      switch (f.kind()) {
        case SCALAR, UNION_TYPE -> need(at, f.width(), "field " + f.name());
        case STRING -> verifyString(target(at));
        case TABLE -> verifyTable(schema.table(f.target()), target(at));
        case SCALAR_VECTOR -> vector(target(at), f.width());
        case STRING_VECTOR -> {
          long v = target(at);
          long n = vector(v, 4);
          for (int i = 0; i < n; i++) {
            indices[depth - 1] = i;
            verifyString(target(v + 4 + 4L * i));
          }
        }
        case TABLE_VECTOR -> {
          long v = target(at);
          long n = vector(v, 4);
          FbsSchema.Table element = schema.table(f.target());
          for (int i = 0; i < n; i++) {
            indices[depth - 1] = i;
            verifyTable(element, target(v + 4 + 4L * i));
          }
        }
        case UNION_VALUE -> {
          int typeOffset = u16(vtable + 4 + 2L * f.typeFieldId());
          int tag = typeOffset == 0 ? 0 : Byte.toUnsignedInt(buf.get((int) (pos + typeOffset)));
          // Unknown members are left to the reader, which refuses them by name.
          if (tag != 0) {
            long member = target(at);
            schema.unionMember(f.target(), tag).ifPresent(t -> verifyTable(t, member));
          }
        }
      }
      pop();
    }
  }

  /** The position an offset field at {@code at} points to. */
  private long target(long at) {
    need(at, 4, "an offset");
    long o = u32(at);
    if (o == 0 || o > Integer.MAX_VALUE) {
      throw fail("an offset of " + o);
    }
    long t = at + o;
    need(t, 1, "the target of an offset");
    return t;
  }

  /** Checks a vector's extent; returns its length. */
  private long vector(long pos, int elementSize) {
    need(pos, 4, "a vector length");
    long n = u32(pos);
    need(pos + 4, n * elementSize, "a vector of " + n + " elements");
    return n;
  }

  private void verifyString(long pos) {
    long n = vector(pos, 1);
    need(pos + 4, n + 1, "a string of " + n + " bytes");
    if (buf.get((int) (pos + 4 + n)) != 0) {
      throw fail("a string is not NUL-terminated");
    }
    for (long i = 0; i < n; i++) {
      if (buf.get((int) (pos + 4 + i)) < 0) {
        checkUtf8(pos + 4, (int) n);
        return;
      }
    }
  }

  private void checkUtf8(long start, int length) {
    try {
      utf8.reset();
      CharBuffer ignored = utf8.decode(buf.slice((int) start, length));
    } catch (CharacterCodingException e) {
      throw fail("a string is not valid UTF-8");
    }
  }

  private void need(long pos, long bytes, String what) {
    if (pos < 0 || bytes < 0 || pos > size || bytes > size - pos) {
      throw fail(what + " lies outside the file (" + bytes + " bytes at offset " + pos + " of " + size + ")");
    }
  }

  private long u32(long pos) {
    need(pos, 4, "a 4-byte value");
    return Integer.toUnsignedLong(buf.getInt((int) pos));
  }

  private int u16(long pos) {
    need(pos, 2, "a 2-byte value");
    return Short.toUnsignedInt(buf.getShort((int) pos));
  }

  private void push(String name, int index) {
    names[depth] = name;
    indices[depth] = index;
    depth++;
  }

  private void pop() {
    depth--;
  }

  private ConversionException fail(String what) {
    StringBuilder where = new StringBuilder();
    for (int i = 1; i < depth; i++) {
      where.append(where.length() == 0 ? "" : ".").append(names[i]);
      if (indices[i] >= 0) {
        where.append('[').append(indices[i]).append(']');
      }
    }
    return Checks.malformed((where.length() == 0 ? "" : "at " + where + ": ") + what
        + "; the file is truncated or damaged");
  }
}
