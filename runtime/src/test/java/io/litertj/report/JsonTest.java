package io.litertj.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The JSON of reports and locks: valid for a strict parser, stable bytes, readable errors. */
class JsonTest {

  @Test
  void nonFiniteNumbersBecomeValidJson() throws Exception {
    Map<String, Object> tree = new LinkedHashMap<>();
    tree.put("exact", Json.number(Double.POSITIVE_INFINITY));
    tree.put("minus", Json.number(Double.NEGATIVE_INFINITY));
    tree.put("none", Json.number(Double.NaN));
    tree.put("snr", Json.number(31.5));
    String text = Json.write(tree);
    var node = new ObjectMapper().readTree(text); // Jackson's defaults refuse NaN and Infinity tokens
    assertEquals("Infinity", node.get("exact").asText());
    assertEquals("-Infinity", node.get("minus").asText());
    assertTrue(node.get("none").isNull());
    assertEquals(31.5, node.get("snr").asDouble());
  }

  @Test
  void theSameTreeGivesTheSameBytesWithShapesOnOneLine() {
    Map<String, Object> tree = new LinkedHashMap<>();
    tree.put("shape", List.of(-1, 224, 224, 3));
    tree.put("names", List.of("a", "b"));
    tree.put("empty", Map.of());
    assertEquals("{\n  \"shape\": [-1, 224, 224, 3],\n  \"names\": [\n    \"a\",\n    \"b\"\n  ],\n  \"empty\": {}\n}\n",
        Json.write(tree));
  }

  @Test
  void parsingSaysWhereTheTextStopsBeingJson() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parse("{\n  \"a\": 1e999x\n}"));
    assertTrue(e.getMessage().startsWith("line 2, column "), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Json.parse("{} {}"));
    assertNull(Json.parse("null"));
    assertEquals(Map.of("a", List.of(1, "x", true)), Json.parse(Json.write(Map.of("a", List.of(1, "x", true)))));
  }
}
