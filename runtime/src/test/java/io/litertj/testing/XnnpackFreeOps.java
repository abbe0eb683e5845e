package io.litertj.testing;

import static org.bytedeco.tensorflowlite.global.tensorflowlite.TfLiteInterpreterOptionsAddBuiltinOp;
import static org.bytedeco.tensorflowlite.global.tensorflowlite.TfLiteInterpreterOptionsAddCustomOp;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.tensorflowlite.BuiltinOpResolverWithoutDefaultDelegates;
import org.bytedeco.tensorflowlite.TfLiteInterpreterOptions;
import org.bytedeco.tensorflowlite.TfLiteRegistration;

/**
 * LiteRT's reference kernels, taken from the C++ {@code BuiltinOpResolverWithoutDefaultDelegates}
 * and handed to the C API, so that an interpreter made with
 * {@code TfLiteInterpreterCreateWithSelectedOps} has every builtin op and no default delegate
 * (XNNPACK rewrites float graphs and rounds slightly differently).
 *
 * <p>The resolver lives as long as the JVM: the registrations point into it.
 */
final class XnnpackFreeOps {
  private static final int MAX_BUILTIN_CODE = 512;
  private static final int MAX_VERSION = 32;
  /** The custom ops that LiteRT's builtin resolver registers besides the builtins. */
  private static final List<String> CUSTOM_OPS =
      List.of("NumericVerify", "AudioSpectrogram", "Mfcc", "TFLite_Detection_PostProcess");

  private static final BuiltinOpResolverWithoutDefaultDelegates RESOLVER = new BuiltinOpResolverWithoutDefaultDelegates();
  private static final List<Builtin> BUILTINS = scanBuiltins();

  private record Builtin(int code, int version, TfLiteRegistration registration) {}

  private XnnpackFreeOps() {}

  /** Adds every builtin and custom kernel of the resolver to {@code options}. */
  static synchronized void addTo(TfLiteInterpreterOptions options) {
    for (Builtin b : BUILTINS) {
      TfLiteInterpreterOptionsAddBuiltinOp(options, b.code(), b.registration(), b.version(), b.version());
    }
    for (String name : CUSTOM_OPS) {
      for (int v = 1; v <= MAX_VERSION; v++) {
        TfLiteRegistration r = RESOLVER.FindOp(name, v);
        if (r != null && !r.isNull()) {
          TfLiteInterpreterOptionsAddCustomOp(options, name, r, v, v);
        }
      }
    }
  }

  /** How many (builtin code, version) pairs are registered. */
  static int builtinCount() {
    return BUILTINS.size();
  }

  private static List<Builtin> scanBuiltins() {
    List<Builtin> out = new ArrayList<>();
    for (int code = 0; code < MAX_BUILTIN_CODE; code++) {
      for (int v = 1; v <= MAX_VERSION; v++) {
        TfLiteRegistration r = RESOLVER.FindOp(code, v);
        if (r != null && !r.isNull()) {
          out.add(new Builtin(code, v, r));
        }
      }
    }
    return List.copyOf(out);
  }
}
