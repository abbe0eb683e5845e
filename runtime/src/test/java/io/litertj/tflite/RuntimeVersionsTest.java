package io.litertj.tflite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.litertj.ir.BuiltinOp;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RuntimeVersionsTest {

  @Test
  void knownEntries() {
    assertEquals(Optional.of("1.5.0"), RuntimeVersions.minimumFor(BuiltinOp.CONV_2D, 1));
    assertEquals(Optional.of("1.14.0"), RuntimeVersions.minimumFor(BuiltinOp.CONV_2D, 3));
    assertEquals(Optional.of("2.4.0"), RuntimeVersions.minimumFor(BuiltinOp.CONV_2D, 5));
    assertEquals(Optional.of("1.14.0"), RuntimeVersions.minimumFor(BuiltinOp.FULLY_CONNECTED, 4));
    assertEquals(Optional.of("2.17.0"), RuntimeVersions.minimumFor(BuiltinOp.FULLY_CONNECTED, 12));
    assertEquals(Optional.of("1.14.0"), RuntimeVersions.minimumFor(BuiltinOp.DEQUANTIZE, 2));
    assertEquals(Optional.of("1.15.0"), RuntimeVersions.minimumFor(BuiltinOp.DEQUANTIZE, 3));
    assertEquals(Optional.of("2.5.0"), RuntimeVersions.minimumFor(BuiltinOp.BROADCAST_TO, 2));
    assertEquals(Optional.of("2.9.0"), RuntimeVersions.minimumFor(BuiltinOp.GELU, 1));
  }

  @Test
  void unknownVersionsAreEmpty() {
    assertTrue(RuntimeVersions.minimumFor(BuiltinOp.BROADCAST_TO, 1).isEmpty());
    assertTrue(RuntimeVersions.minimumFor(BuiltinOp.RESHAPE, 2).isEmpty());
    assertTrue(RuntimeVersions.minimumFor(BuiltinOp.ADD, 0).isEmpty());
  }

  @Test
  void everyOperatorHasAVersionOne() {
    for (BuiltinOp op : BuiltinOp.values()) {
      int first = op == BuiltinOp.BROADCAST_TO ? 2 : 1;
      assertTrue(RuntimeVersions.minimumFor(op, first).isPresent(), op.name());
    }
  }

  @Test
  void comparesNumerically() {
    assertTrue(RuntimeVersions.compare("1.14.0", "1.5.0") > 0);
    assertTrue(RuntimeVersions.compare("2.3.0", "2.10.0") < 0);
    assertTrue(RuntimeVersions.compare("1.13", "1.13.1") < 0);
    assertEquals(0, RuntimeVersions.compare("2.4.0", "2.4.0"));
    assertEquals("2.10.0", RuntimeVersions.max("2.9.0", "2.10.0"));
    assertEquals("1.5.0", RuntimeVersions.max("", "1.5.0"));
  }
}
