package io.litertj.pipeline;

import io.litertj.ConversionException;
import io.litertj.ir.LiteRtModel;
import io.litertj.ir.Subgraph;
import io.litertj.legalize.LegalizerTable;
import io.litertj.legalize.SignatureLegalizer;
import io.litertj.optimize.Optimizer;
import io.litertj.optimize.fold.ConstantFolder;
import io.litertj.savedmodel.SavedModelSource;
import io.litertj.savedmodel.SignatureInfo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * The float conversion of a SavedModel, stage by stage: read, legalize each signature, optimize.
 * Writing the flatbuffer is left to the caller, which decides between bytes and a file.
 */
public final class SavedModelPipeline {

  private static final Logger LOG = Logger.getLogger(SavedModelPipeline.class.getName());

  private SavedModelPipeline() {}

  /**
   * The converted model and every signature key the SavedModel has (to tell a caller what was
   * left out when only {@code serving_default} was converted).
   */
  public record Result(LiteRtModel model, List<String> availableSignatures) {
    public Result {
      availableSignatures = List.copyOf(availableSignatures);
    }
  }

  /**
   * Converts the signatures to a LiteRT model. The returned model's constants may still be views
   * of the checkpoint's memory map, which stays valid for as long as the model is reachable.
   */
  public static LiteRtModel run(ConversionSettings settings) {
    return convert(settings).model();
  }

  /** As {@link #run}, with the signatures the model has. */
  public static Result convert(ConversionSettings settings) {
    return DeepStack.call(() -> open(settings));
  }

  private static Result open(ConversionSettings settings) {
    // Closing releases file handles only: mapped weights stay valid while the model holds them.
    try (SavedModelSource source = SavedModelSource.open(settings.savedModelDir(), settings.tags())) {
      return new Result(convert(settings, source), source.signatureKeys());
    }
  }

  private static LiteRtModel convert(ConversionSettings settings, SavedModelSource source) {
    Path pb = settings.savedModelDir().resolve("saved_model.pb");
    List<String> keys = SignatureChoice.keys(settings, source.signatureKeys(), pb);
    List<SignatureInfo> signatures = new ArrayList<>();
    for (String key : keys) {
      signatures.add(source.signature(key));
    }
    SignatureChoice.checkInputShapes(settings.inputShapes().keySet(), signatures, pb);
    LiteRtModel model = new LiteRtModel("litertj converted " + settings.savedModelDir().getFileName());
    LegalizerTable table = LegalizerTable.standard();
    Optimizer optimizer = Optimizer.standard();
    List<ConversionException> failures = new ArrayList<>();
    for (SignatureInfo signature : signatures) {
      try {
        SignatureLegalizer legalizer = new SignatureLegalizer(source.graph(), source.variables(), table,
            new ConstantFolder(), pb, settings.inputShapes());
        Subgraph subgraph = legalizer.legalize(signature);
        optimizer.run(subgraph);
        LOG.fine(() -> "signature " + signature.key() + ": " + subgraph.operators().size() + " operators");
        SharedSignatures.add(model, subgraph);
      } catch (ConversionException e) {
        failures.add(e);
      }
    }
    // Our bug on one signature is reported as what it is, not folded into a list of input errors.
    for (ConversionException e : failures) {
      if (e.isInternal() || failures.size() == 1) {
        throw e;
      }
    }
    if (!failures.isEmpty()) {
      StringBuilder text = new StringBuilder(failures.size() + " of " + keys.size() + " signatures cannot be converted:");
      for (ConversionException e : failures) {
        text.append("\n* ").append(e.getMessage().replace("\n", "\n  "));
      }
      throw ConversionException.builder(text.toString()).file(settings.savedModelDir()).cause(failures.get(0)).build();
    }
    return model;
  }
}
