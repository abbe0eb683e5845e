package io.litertj.keras;

import io.litertj.ir.LiteRtModel;
import io.litertj.ir.Subgraph;
import io.litertj.keras.config.ConfigParser;
import io.litertj.keras.config.ModelGraph;
import io.litertj.keras.reader.KerasModelFile;
import io.litertj.optimize.Optimizer;
import java.nio.file.Path;
import java.util.logging.Logger;

/**
 * The float conversion of a Keras model file ({@code .keras}, {@code .h5}, {@code .hdf5}): read,
 * map each layer to LiteRT builtins, optimize. Nothing from the file is executed.
 */
public final class KerasPipeline {

  /** The one signature a Keras model becomes, as with the official converter. */
  public static final String SIGNATURE_KEY = "serving_default";

  private static final Logger LOG = Logger.getLogger(KerasPipeline.class.getName());

  private KerasPipeline() {}

  /**
   * Converts a Keras model file to a LiteRT model with one subgraph, {@code serving_default},
   * whose inputs and outputs carry the Keras input and output layer names.
   *
   * @throws io.litertj.ConversionException for unreadable, hostile or unsupported files
   */
  public static LiteRtModel run(Path modelFile) {
    return run(modelFile, KerasOptions.defaults());
  }

  /** As {@link #run(Path)}, with the given conversion choices. */
  public static LiteRtModel run(Path modelFile, KerasOptions options) {
    return run(modelFile, options, LayerTable.standard());
  }

  private static LiteRtModel run(Path modelFile, KerasOptions options, LayerTable table) {
    KerasModelFile file = KerasModelFile.read(modelFile);
    ModelGraph graph = new ConfigParser(modelFile).parse(file.modelConfig());
    Subgraph subgraph = new Subgraph(SIGNATURE_KEY);
    new GraphBuilder(subgraph, table, KerasModel.of(file, options)).buildTopLevel(graph);
    Optimizer.standard().run(subgraph);
    LOG.fine(() -> modelFile + ": " + subgraph.operators().size() + " operators " + subgraph.opHistogram());
    LiteRtModel model = new LiteRtModel("litertj converted " + modelFile.getFileName());
    model.addSubgraph(subgraph);
    return model;
  }
}
