package io.litertj.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.tensorflow.RawTensor;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.SessionFunction;
import org.tensorflow.Signature;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;
import org.tensorflow.proto.TensorShapeProto;

/**
 * Real TensorFlow (TF Java 1.1.0) as the reference: loads a SavedModel and runs its signatures.
 *
 * <pre>{@code
 * try (TensorFlowOracle tf = TensorFlowOracle.load(dir)) {
 *   Map<String, TensorData> y = tf.run("serving_default", Map.of("x", TensorData.ofFloats(shape(2), 1, 2)));
 * }
 * }</pre>
 *
 * <p>All signatures share the bundle's one session; every tensor made for a call is closed before
 * the call returns.
 */
public final class TensorFlowOracle implements AutoCloseable {

  /** The tag of the serving MetaGraph, which {@link #load(Path)} uses. */
  public static final String SERVE = SavedModelBundle.DEFAULT_TAG;

  private final Path dir;
  private final SavedModelBundle bundle;

  private TensorFlowOracle(Path dir, SavedModelBundle bundle) {
    this.dir = dir;
    this.bundle = bundle;
  }

  /** Loads the MetaGraph tagged {@code serve}. */
  public static TensorFlowOracle load(Path savedModelDir) {
    return load(savedModelDir, SERVE);
  }

  /** Loads the MetaGraph with exactly these tags. */
  public static TensorFlowOracle load(Path savedModelDir, String... tags) {
    try {
      return new TensorFlowOracle(savedModelDir, SavedModelBundle.load(savedModelDir.toString(), tags));
    } catch (RuntimeException e) {
      throw new IllegalStateException("TensorFlow could not load the SavedModel " + savedModelDir + ": " + e.getMessage(), e);
    }
  }

  /** The underlying bundle, for tests that need the graph or the MetaGraphDef. */
  public SavedModelBundle bundle() {
    return bundle;
  }

  /** The signature keys, sorted (the {@code __saved_model_init_op} marker excluded). */
  public List<String> signatureKeys() {
    TreeSet<String> keys = new TreeSet<>();
    bundle.signatures().forEach(s -> keys.add(s.key()));
    return List.copyOf(keys);
  }

  /**
   * One signature's inputs and outputs, each sorted by name. Unknown dimensions are -1; an unknown
   * rank gives a null shape (see {@link TensorSpec#rankKnown()}).
   */
  public SignatureSpec signature(String key) {
    function(key); // checks that the key exists
    // read the SignatureDef itself: TF Java's Signature.TensorDescription shows an unknown rank as a scalar
    SignatureDef def = bundle.metaGraphDef().getSignatureDefOrThrow(key);
    return new SignatureSpec(key, specs(key, def.getInputsMap()), specs(key, def.getOutputsMap()));
  }

  /**
   * Runs a signature.
   *
   * @param signatureKey the signature
   * @param inputs       one entry per signature input, by the signature's input name
   * @return the outputs by the signature's output name, in the signature's output order
   * @throws IllegalArgumentException if the inputs do not match the signature's names or types
   * @throws IllegalStateException    if TensorFlow fails to run
   */
  public Map<String, TensorData> run(String signatureKey, Map<String, TensorData> inputs) {
    SessionFunction fn = function(signatureKey);
    Map<String, Signature.TensorDescription> declared = fn.signature().getInputs();
    if (!declared.keySet().equals(inputs.keySet())) {
      throw new IllegalArgumentException("signature '" + signatureKey + "' takes inputs "
          + new TreeSet<>(declared.keySet()) + ", but got " + new TreeSet<>(inputs.keySet()));
    }
    Map<String, Tensor> feeds = new LinkedHashMap<>();
    try {
      for (Map.Entry<String, TensorData> e : inputs.entrySet()) {
        ElementType want = TfTypes.fromDataType(declared.get(e.getKey()).dataType, "input '" + e.getKey() + "'");
        if (want != e.getValue().type()) {
          throw new IllegalArgumentException("input '" + e.getKey() + "' of '" + signatureKey + "' is "
              + want + ", but the data is " + e.getValue().type());
        }
        feeds.put(e.getKey(), toTensor(e.getValue()));
      }
      Map<String, TensorData> outputs = new LinkedHashMap<>();
      try (Result result = call(fn, signatureKey, feeds)) {
        for (Map.Entry<String, Tensor> e : result) {
          outputs.put(e.getKey(), fromTensor(e.getKey(), e.getValue()));
        }
      }
      return outputs;
    } finally {
      feeds.values().forEach(Tensor::close);
    }
  }

  /** Closes the session and the graph. */
  @Override
  public void close() {
    bundle.close();
  }

  private Result call(SessionFunction fn, String key, Map<String, Tensor> feeds) {
    try {
      return fn.call(feeds);
    } catch (RuntimeException e) {
      throw new IllegalStateException("TensorFlow failed to run '" + key + "' of " + dir + ": " + e.getMessage(), e);
    }
  }

  private SessionFunction function(String key) {
    try {
      return bundle.function(key);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("no signature '" + key + "' in " + dir + "; it has " + signatureKeys(), e);
    }
  }

  private static List<TensorSpec> specs(String key, Map<String, TensorInfo> map) {
    List<TensorSpec> out = new ArrayList<>();
    map.forEach((name, info) -> out.add(new TensorSpec(
        name, TfTypes.fromDataType(info.getDtype(), "'" + name + "' of '" + key + "'"), dims(info.getTensorShape()))));
    out.sort(Comparator.comparing(TensorSpec::name));
    return out;
  }

  private static long[] dims(TensorShapeProto shape) {
    if (shape.getUnknownRank()) {
      return null;
    }
    return shape.getDimList().stream().mapToLong(d -> d.getSize() < 0 ? -1 : d.getSize()).toArray();
  }

  /** Builds a TF tensor over a copy of the raw bytes; the caller closes it. */
  static Tensor toTensor(TensorData data) {
    return Tensor.of(TfTypes.typeClass(data.type()), Shape.of(data.shape()),
        DataBuffers.of(data.bytes(), true, false));
  }

  /** Copies a TF tensor's bytes out; does not close it. */
  static TensorData fromTensor(String name, Tensor t) {
    ElementType type = TfTypes.fromDataType(t.dataType(), "output '" + name + "'");
    if (!type.hasFixedSize()) {
      throw new IllegalStateException("output '" + name + "' is " + type + ", which TensorData cannot hold");
    }
    RawTensor raw = t.asRawTensor();
    byte[] bytes = new byte[Math.toIntExact(raw.numBytes())];
    raw.data().read(bytes);
    return new TensorData(name, type, t.shape().asArray(), bytes);
  }
}
