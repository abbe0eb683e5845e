package io.litertj.tflite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.litertj.ConversionException;
import io.litertj.ir.BuiltinOp;
import io.litertj.ir.LiteRtModel;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Operator;
import io.litertj.ir.Subgraph;
import io.litertj.testing.ControlFlowModels;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The reader and writer on the official converter's WHILE and IF files ({@code gen_tf_control_flow}):
 * the called subgraphs are reached through the operators' options, not listed as signatures, and
 * what we write back runs in LiteRT to TensorFlow's outputs.
 */
class ControlFlowFilesTest {

  @ParameterizedTest
  @ValueSource(strings = {"static_while", "dynamic_while", "cond", "tensor_array_rnn_fixed"})
  void officialControlFlowFilesRoundTrip(String signature) {
    LiteRtModel model = TfliteReader.read(ControlFlowModels.reference(signature));
    assertEquals(1, model.subgraphs().size(), "only the signature is a signature");
    Subgraph main = model.subgraphs().get(0);
    assertEquals(signature, main.name());
    List<Subgraph> called = model.calledSubgraphs();
    assertEquals(2, called.size(), "cond and body, or then and else");
    Operator flow = main.operators().stream()
        .filter(op -> op.op() == BuiltinOp.WHILE || op.op() == BuiltinOp.IF).findFirst().orElseThrow();
    OpOptions.WithSubgraphs options = (OpOptions.WithSubgraphs) flow.options();
    assertSame(called.get(0), options.subgraphs().get(0));
    assertSame(called.get(1), options.subgraphs().get(1));

    byte[] bytes = new TfliteWriter().toBytes(model);
    ControlFlowModels.check(bytes, signature);

    // Read back: the same structure.
    LiteRtModel again = TfliteReader.read(bytes);
    assertEquals(1, again.subgraphs().size());
    assertEquals(2, again.calledSubgraphs().size());
    for (int i = 0; i < called.size(); i++) {
      assertEquals(called.get(i).name(), again.calledSubgraphs().get(i).name());
      assertEquals(called.get(i).operators().size(), again.calledSubgraphs().get(i).operators().size());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"static_while"})
  void aWhileWhoseBodyReturnsTheWrongTypesIsRefusedBeforeWriting(String signature) {
    LiteRtModel model = TfliteReader.read(ControlFlowModels.reference(signature));
    Operator loop = model.subgraphs().get(0).operators().stream()
        .filter(op -> op.op() == BuiltinOp.WHILE).findFirst().orElseThrow();
    OpOptions.While w = (OpOptions.While) loop.options();
    // cond as body: one BOOL output for several loop values
    loop.setOptions(new OpOptions.While(w.cond(), w.cond()));
    ConversionException e = assertThrows(ConversionException.class, () -> new TfliteWriter().toBytes(model));
    assertTrue(e.getMessage().contains("body subgraph"), e.getMessage());
  }
}
