package io.litertj.pipeline;

import io.litertj.graphdef.FrozenGraph;
import io.litertj.ir.LiteRtModel;
import io.litertj.ir.Subgraph;
import io.litertj.legalize.LegalizerTable;
import io.litertj.legalize.SignatureLegalizer;
import io.litertj.optimize.Optimizer;
import io.litertj.optimize.fold.ConstantFolder;
import io.litertj.savedmodel.SignatureInfo;
import java.util.logging.Logger;

/**
 * The float conversion of a frozen GraphDef: read, check, legalize the named inputs and outputs as
 * one signature ({@value FrozenGraph#SIGNATURE_KEY}), optimize. The same legalizer and optimizer
 * as for SavedModels, so every quantization mode applies to the result.
 */
public final class GraphDefPipeline {

  private static final Logger LOG = Logger.getLogger(GraphDefPipeline.class.getName());

  private GraphDefPipeline() {}

  public static LiteRtModel run(GraphDefSettings settings) {
    return DeepStack.call(() -> convert(settings));
  }

  private static LiteRtModel convert(GraphDefSettings settings) {
    FrozenGraph graph = FrozenGraph.read(settings.file());
    LegalizerTable table = LegalizerTable.standard();
    SignatureInfo signature = graph.signature(settings.inputArrays(), settings.outputArrays(),
        settings.inputShapes(), table);
    Subgraph subgraph = new SignatureLegalizer(graph.flattener(), graph.variables(), table, new ConstantFolder(),
        settings.file(), java.util.Map.of()).legalize(signature);
    Optimizer.standard().run(subgraph);
    LOG.fine(() -> "GraphDef " + settings.file() + ": " + subgraph.operators().size() + " operators");
    LiteRtModel model = new LiteRtModel("litertj converted " + settings.file().getFileName());
    model.addSubgraph(subgraph);
    return model;
  }
}
