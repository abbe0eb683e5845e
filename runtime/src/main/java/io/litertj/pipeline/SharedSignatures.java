package io.litertj.pipeline;

import io.litertj.ir.LiteRtModel;
import io.litertj.ir.SameComputation;
import io.litertj.ir.Subgraph;
import java.util.logging.Logger;

/**
 * Adds converted signatures to a model, one subgraph per function: a signature that computes the
 * same as one already added (Keras 3's {@code model.export()} writes {@code serve} and
 * {@code serving_default} for one function) becomes a second signature of that subgraph, so its
 * operators and tensors are written once.
 */
final class SharedSignatures {

  private static final Logger LOG = Logger.getLogger(SharedSignatures.class.getName());

  private SharedSignatures() {}

  static void add(LiteRtModel model, Subgraph signature) {
    for (Subgraph earlier : model.subgraphs()) {
      if (SameComputation.of(earlier, signature)) {
        LOG.fine(() -> "signature " + signature.name() + " computes the same as " + earlier.name()
            + ": one subgraph for both");
        model.addSignatureAlias(signature.name(), earlier);
        return;
      }
    }
    model.addSubgraph(signature);
  }
}
