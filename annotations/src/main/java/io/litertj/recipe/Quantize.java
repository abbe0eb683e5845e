package io.litertj.recipe;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Quantizes the converted model after training. Without this annotation a recipe writes a float32
 * model.
 *
 * <pre>{@code
 * @SavedModelSource(path = "models/kws")
 * @Quantize(mode = QuantizeMode.INT8, inputType = TensorType.INT8, outputType = TensorType.INT8)
 * public class KwsInt8Recipe {
 *   @RepresentativeDataset(samples = 100)
 *   Iterable<KwsInt8RecipeSample> calibration() { ... }
 * }
 * }</pre>
 *
 * <p>Checked at compile time: {@link QuantizeMode#INT8} and {@link QuantizeMode#INT16X8} need a
 * {@link RepresentativeDataset} method; INT8 and UINT8 input or output types need mode INT8, INT16
 * needs INT16X8; {@link #int8Only()} needs an integer mode; {@code perChannelDense = false} needs
 * int8 weights (not FLOAT16); every {@link #keepFloat()} entry must be an op name, a glob or a
 * valid {@code regex:} expression. That a pattern matches an operator or a tensor of the model is
 * checked when the recipe runs.
 *
 * <p>Every mode runs: {@link QuantizeMode#FLOAT16} and {@link QuantizeMode#DYNAMIC_RANGE} quantize
 * the weights; {@link QuantizeMode#INT8} and {@link QuantizeMode#INT16X8} are calibrated in the
 * LiteRT interpreter on the samples of the {@link RepresentativeDataset} method, shaped from the
 * model's signature.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Quantize {

  /** The quantization scheme. */
  QuantizeMode mode();

  /** The element type of the model's inputs; integer types need an integer mode. */
  TensorType inputType() default TensorType.FLOAT32;

  /** The element type of the model's outputs; integer types need an integer mode. */
  TensorType outputType() default TensorType.FLOAT32;

  /** Fail instead of leaving an operator in float when it has no integer kernel. */
  boolean int8Only() default false;

  /** Quantize FULLY_CONNECTED weights per output channel rather than per tensor (the official default). */
  boolean perChannelDense() default true;

  /**
   * What stays in float, in the same syntax as the CLI's {@code --keep_float} and the API's
   * {@code QuantizationOptions.withKeepFloat}: each entry is
   * <ul>
   *   <li>an op name, matched case-insensitively against the LiteRT builtin ({@code "SOFTMAX"});</li>
   *   <li>else a glob over the op's output tensor names: {@code *} any run of characters, {@code ?} one
   *       character, everything else literal ({@code "*logits*"});</li>
   *   <li>or {@code regex:} and a {@link java.util.regex.Pattern}, matched in full against the builtin
   *       name and the output tensor names ({@code "regex:dense_[0-9]+/.*"}).</li>
   * </ul>
   * A glob with regular-expression syntax in it ({@code "logits.*"}, {@code "a|b"}) is a compile
   * error that suggests the {@code regex:} form.
   */
  String[] keepFloat() default {};
}
