package io.litertj.tflite;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The layout of our flatbuffer schema ({@code litert_schema.fbs}, the file flatc compiles), read
 * from the classpath: for each table, what kind of value each field id holds. The verifier walks a
 * file with it, so a table added to the schema is verified without further code. Knows the subset
 * of the FlatBuffers IDL the schema uses: tables, enums (for their width), unions; no structs.
 */
final class FbsSchema {

  /** What one vtable slot holds. */
  enum Kind { SCALAR, STRING, TABLE, UNION_TYPE, UNION_VALUE, SCALAR_VECTOR, STRING_VECTOR, TABLE_VECTOR }

  /**
   * One field: its name, its kind, the width of a scalar or of a vector's element, the table it
   * points at (tables, vectors of tables) or the union it holds (union value), and the id of a
   * union value's type field.
   */
  record Field(String name, Kind kind, int width, String target, int typeFieldId) {}

  /** A table's fields by id; deprecated ids are null (never read, so never verified). */
  record Table(String name, List<Field> fields) {}

  private static final Map<String, Integer> SCALARS = Map.ofEntries(
      Map.entry("bool", 1), Map.entry("byte", 1), Map.entry("ubyte", 1), Map.entry("int8", 1),
      Map.entry("uint8", 1), Map.entry("short", 2), Map.entry("ushort", 2), Map.entry("int16", 2),
      Map.entry("uint16", 2), Map.entry("int", 4), Map.entry("uint", 4), Map.entry("int32", 4),
      Map.entry("uint32", 4), Map.entry("float", 4), Map.entry("float32", 4), Map.entry("long", 8),
      Map.entry("ulong", 8), Map.entry("int64", 8), Map.entry("uint64", 8), Map.entry("double", 8),
      Map.entry("float64", 8));

  private static final String RESOURCE = "/io/litertj/tflite/schema/litert_schema.fbs";
  private static volatile FbsSchema litert;

  private final Map<String, Table> tables;
  private final Map<String, Map<Integer, String>> unions;
  private final String rootType;

  private FbsSchema(Map<String, Table> tables, Map<String, Map<Integer, String>> unions, String rootType) {
    this.tables = tables;
    this.unions = unions;
    this.rootType = rootType;
  }

  /** The schema the reader and writer are generated from. */
  static FbsSchema litert() {
    FbsSchema s = litert;
    if (s == null) {
      try (InputStream in = FbsSchema.class.getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException("the flatbuffer schema " + RESOURCE + " is not on the classpath");
        }
        s = parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      litert = s;
    }
    return s;
  }

  Table root() {
    return table(rootType);
  }

  Table table(String name) {
    Table t = tables.get(name);
    if (t == null) {
      throw new IllegalStateException("no table " + name + " in the schema");
    }
    return t;
  }

  /** The member table of a union for a type tag; empty for tags the schema does not list. */
  Optional<Table> unionMember(String union, int tag) {
    String member = unions.get(union).get(tag);
    return member == null ? Optional.empty() : Optional.of(table(member));
  }

  static FbsSchema parse(String text) {
    return new Parser(tokens(text)).parse();
  }

  private static List<String> tokens(String text) {
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '/') {
        while (i < text.length() && text.charAt(i) != '\n') {
          i++;
        }
      } else if (c == '"') {
        int end = text.indexOf('"', i + 1);
        out.add(text.substring(i, end + 1));
        i = end + 1;
      } else if ("{}()[]:;=,".indexOf(c) >= 0) {
        out.add(String.valueOf(c));
        i++;
      } else {
        int start = i;
        while (i < text.length() && !Character.isWhitespace(text.charAt(i)) && "{}()[]:;=,\"".indexOf(text.charAt(i)) < 0) {
          i++;
        }
        out.add(text.substring(start, i));
      }
    }
    return out;
  }

  /** Two passes: declarations first (a field may name a type declared below it), then fields. */
  private static final class Parser {
    private final List<String> tokens;
    private int pos;
    private final Map<String, Integer> enumWidths = new HashMap<>();
    private final Map<String, Map<Integer, String>> unions = new HashMap<>();
    private final Map<String, List<String[]>> rawTables = new HashMap<>();
    private final List<String> tableOrder = new ArrayList<>();
    private String rootType;

    Parser(List<String> tokens) {
      this.tokens = tokens;
    }

    FbsSchema parse() {
      while (pos < tokens.size()) {
        String word = next();
        switch (word) {
          case "namespace", "file_identifier", "file_extension", "attribute", "include" -> skipPast(";");
          case "root_type" -> {
            rootType = next();
            expect(";");
          }
          case "enum" -> enumDecl();
          case "union" -> unionDecl();
          case "table" -> tableDecl();
          default -> throw new IllegalStateException("unexpected '" + word + "' in the flatbuffer schema");
        }
      }
      Map<String, Table> tables = new HashMap<>();
      for (String name : tableOrder) {
        tables.put(name, resolve(name, rawTables.get(name)));
      }
      return new FbsSchema(tables, unions, rootType);
    }

    private void enumDecl() {
      String name = next();
      expect(":");
      Integer width = SCALARS.get(next());
      if (width == null) {
        throw new IllegalStateException("enum " + name + " has no scalar base type");
      }
      enumWidths.put(name, width);
      skipBlock();
    }

    private void unionDecl() {
      String name = next();
      expect("{");
      Map<Integer, String> members = new HashMap<>();
      int value = 0;
      while (!peek().equals("}")) {
        String member = next();
        if (peek().equals("=")) {
          next();
          value = Integer.parseInt(next());
        } else {
          value++;
        }
        members.put(value, member);
        if (peek().equals(",")) {
          next();
        }
      }
      expect("}");
      unions.put(name, members);
    }

    private void tableDecl() {
      String name = next();
      expect("{");
      List<String[]> fields = new ArrayList<>();
      while (!peek().equals("}")) {
        String field = next();
        expect(":");
        String type;
        if (peek().equals("[")) {
          next();
          type = "[" + next();
          expect("]");
        } else {
          type = next();
        }
        boolean deprecated = false;
        while (!peek().equals(";")) {
          deprecated |= next().equals("deprecated");
        }
        expect(";");
        fields.add(new String[] {field, type, deprecated ? "deprecated" : ""});
      }
      expect("}");
      rawTables.put(name, fields);
      tableOrder.add(name);
    }

    private Table resolve(String tableName, List<String[]> raw) {
      List<Field> fields = new ArrayList<>();
      for (String[] f : raw) {
        String name = f[0];
        String type = f[1];
        boolean deprecated = !f[2].isEmpty();
        if (unions.containsKey(type)) {
          int typeId = fields.size();
          fields.add(deprecated ? null : new Field(name + "_type", Kind.UNION_TYPE, 1, null, -1));
          fields.add(deprecated ? null : new Field(name, Kind.UNION_VALUE, 4, type, typeId));
          continue;
        }
        fields.add(deprecated ? null : field(tableName, name, type));
      }
      return new Table(tableName, java.util.Collections.unmodifiableList(fields));
    }

    private Field field(String table, String name, String type) {
      boolean vector = type.startsWith("[");
      String element = vector ? type.substring(1) : type;
      Integer width = SCALARS.containsKey(element) ? SCALARS.get(element) : enumWidths.get(element);
      if (width != null) {
        return new Field(name, vector ? Kind.SCALAR_VECTOR : Kind.SCALAR, width, null, -1);
      }
      if (element.equals("string")) {
        return new Field(name, vector ? Kind.STRING_VECTOR : Kind.STRING, 4, null, -1);
      }
      if (rawTables.containsKey(element)) {
        return new Field(name, vector ? Kind.TABLE_VECTOR : Kind.TABLE, 4, element, -1);
      }
      throw new IllegalStateException(table + "." + name + " has type " + type + ", which the schema reader does not know");
    }

    private void skipBlock() {
      skipPast("{");
      int depth = 1;
      while (depth > 0) {
        String t = next();
        depth += t.equals("{") ? 1 : t.equals("}") ? -1 : 0;
      }
    }

    private void skipPast(String token) {
      while (!next().equals(token)) {
        // skip
      }
    }

    private String peek() {
      return tokens.get(pos);
    }

    private String next() {
      return tokens.get(pos++);
    }

    private void expect(String token) {
      String t = next();
      if (!t.equals(token)) {
        throw new IllegalStateException("expected '" + token + "' but found '" + t + "' in the flatbuffer schema");
      }
    }
  }
}
