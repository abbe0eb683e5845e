package io.litertj.processor;

import com.palantir.javapoet.ClassName;
import io.litertj.ConversionException;
import io.litertj.recipe.InputShape;
import io.litertj.recipe.KerasModelSource;
import io.litertj.recipe.Labels;
import io.litertj.recipe.Metadata;
import io.litertj.recipe.Output;
import io.litertj.recipe.Quantize;
import io.litertj.recipe.RepresentativeDataset;
import io.litertj.recipe.SavedModelSource;
import io.litertj.recipe.TensorType;
import io.litertj.recipe.TfliteModelSource;
import io.litertj.ir.LiteRtModel;
import io.litertj.ir.Subgraph;
import io.litertj.keras.KerasPipeline;
import io.litertj.savedmodel.SignatureInfo;
import io.litertj.tflite.TfliteReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Reads one recipe class, reports every mistake on the exact element, annotation or value, and
 * returns its {@link RecipeModel} when there were none. Never generates.
 */
final class RecipeValidator {

  static final String NAMED_SAMPLE = "io.litertj.recipe.NamedSample";
  private static final List<Class<?>> SOURCES = List.of(SavedModelSource.class, KerasModelSource.class, TfliteModelSource.class);

  private final Elements elements;
  private final Types types;
  private final ErrorReporter reporter;
  private final Path baseDir;

  RecipeValidator(Elements elements, Types types, ErrorReporter reporter, Path baseDir) {
    this.elements = elements;
    this.types = types;
    this.reporter = reporter;
    this.baseDir = baseDir;
  }

  /** The recipe's model, or empty when it has errors (all of them reported). */
  Optional<RecipeModel> validate(TypeElement recipe) {
    int errorsBefore = reporter.errorCount();
    String name = recipe.getSimpleName().toString();
    ClassName recipeName = ClassName.get(recipe);
    String flatName = String.join("_", recipeName.simpleNames());
    ClassName pipelineName = ClassName.get(recipeName.packageName(), flatName + "Pipeline");
    ClassName sampleName = ClassName.get(recipeName.packageName(), flatName + "Sample");

    checkInstantiable(recipe);

    // --- the source
    List<AnnotationMirror> sources = new ArrayList<>();
    for (Class<?> s : SOURCES) {
      mirror(recipe, s).ifPresent(sources::add);
    }
    if (sources.isEmpty()) {
      reporter.error(Message.NO_SOURCE, recipe, null, null, name);
    } else if (sources.size() > 1) {
      List<String> names = sources.stream().map(m -> "@" + m.getAnnotationType().asElement().getSimpleName()).toList();
      reporter.error(Message.TWO_SOURCES, recipe, sources.get(1), null, name, String.join(", ", names));
    }
    String kind = null;
    String path = null;
    List<String> tags = List.of();
    List<String> signatures = List.of();
    boolean unrollRnn = false;
    AnnotationMirror sourceMirror = sources.isEmpty() ? null : sources.get(0);
    SavedModelSource sm = recipe.getAnnotation(SavedModelSource.class);
    KerasModelSource keras = recipe.getAnnotation(KerasModelSource.class);
    TfliteModelSource tflite = recipe.getAnnotation(TfliteModelSource.class);
    if (sm != null) {
      kind = "SAVED_MODEL";
      path = sm.path();
      tags = List.of(sm.tags());
      signatures = List.of(sm.signatures());
    } else if (keras != null) {
      kind = "KERAS";
      path = keras.path();
      unrollRnn = keras.unrollRnn();
    } else if (tflite != null) {
      kind = "TFLITE";
      path = tflite.path();
    }

    // --- the model at compile time: its existence, signatures and inputs
    Map<String, InputInfo> inputs = null; // null: not known at compile time
    String knownPath = null;
    boolean modelError = false; // reported: the dataset's sample type cannot be known either
    if (path != null && sources.size() == 1) {
      if (!path.contains("${")) {
        Path resolved = baseDir.resolve(path).toAbsolutePath().normalize();
        if (!Files.exists(resolved)) {
          reporter.error(Message.MODEL_NOT_FOUND, recipe, sourceMirror, value(sourceMirror, "path"), path, resolved, baseDir);
          modelError = true;
        } else {
          inputs = kind.equals("SAVED_MODEL") ? readSavedModel(recipe, sourceMirror, path, resolved, tags, signatures)
              : readModelFile(recipe, sourceMirror, kind, resolved);
          knownPath = path;
          modelError = inputs == null;
        }
      }
    }

    // --- signatures named twice
    Set<String> seenKeys = new LinkedHashSet<>();
    for (String key : signatures) {
      if (!seenKeys.add(key)) {
        reporter.error(Message.SIGNATURE_TWICE, recipe, sourceMirror, value(sourceMirror, "signatures"), key);
      }
    }

    // --- @InputShape
    Map<String, List<Integer>> inputShapes = new LinkedHashMap<>();
    for (InputShape shape : recipe.getAnnotationsByType(InputShape.class)) {
      List<Integer> dims = new ArrayList<>();
      Arrays.stream(shape.dims()).forEach(dims::add);
      Site site = inputShapeSite(recipe, shape.name());
      if (inputShapes.put(shape.name(), dims) != null) {
        reporter.error(Message.INPUT_SHAPE_TWICE, recipe, site.mirror(), site.value(), shape.name());
      }
      if (kind != null && !kind.equals("SAVED_MODEL")) {
        reporter.error(Message.INPUT_SHAPE_NOT_SAVED_MODEL, recipe, site.mirror(), site.value(), name,
            kind.equals("KERAS") ? "a Keras model" : "a .tflite model", kind.equals("KERAS")
                ? "a Keras model has the input shapes it declares" : "a .tflite model keeps its own shapes");
      }
      for (int d : shape.dims()) {
        if (d < -1) {
          reporter.error(Message.INPUT_SHAPE_DIMENSION, recipe, site.mirror(), site.value(), shape.name(), d);
          break;
        }
      }
      if (inputs != null && !inputs.containsKey(shape.name())) {
        reporter.error(Message.UNKNOWN_INPUT, recipe, site.mirror(), site.value(), shape.name(), inputs.keySet());
      }
    }

    // --- @Output
    String output = name + ".tflite";
    Output out = recipe.getAnnotation(Output.class);
    if (out != null) {
      if (out.path().isBlank()) {
        AnnotationMirror m = mirror(recipe, Output.class).orElseThrow();
        reporter.error(Message.EMPTY_OUTPUT, recipe, m, value(m, "path"));
      }
      output = out.path();
    }

    // --- the dataset method
    RecipeModel.SampleModel sample = null;
    ClassName expectedSample;
    if (inputs != null) {
      sample = sampleModel(sampleName, knownPath, inputs);
      expectedSample = sampleName;
    } else {
      expectedSample = ClassName.bestGuess(NAMED_SAMPLE);
    }
    List<ExecutableElement> datasetMethods = new ArrayList<>();
    for (ExecutableElement m : ElementFilter.methodsIn(recipe.getEnclosedElements())) {
      if (m.getAnnotation(RepresentativeDataset.class) != null) {
        datasetMethods.add(m);
      }
    }
    RecipeModel.DatasetModel dataset = null;
    int samples = 100;
    if (datasetMethods.size() > 1) {
      ExecutableElement second = datasetMethods.get(1);
      reporter.error(Message.TWO_DATASETS, second, mirror(second, RepresentativeDataset.class).orElse(null), null, name,
          datasetMethods.get(0).getSimpleName() + "()", second.getSimpleName() + "()");
    }
    Quantize quantize = recipe.getAnnotation(Quantize.class);
    if (!datasetMethods.isEmpty()) {
      ExecutableElement m = datasetMethods.get(0);
      dataset = checkDatasetMethod(m, modelError ? null : expectedSample);
      samples = m.getAnnotation(RepresentativeDataset.class).samples();
      if (samples <= 0) {
        AnnotationMirror am = mirror(m, RepresentativeDataset.class).orElseThrow();
        reporter.error(Message.DATASET_SAMPLES, m, am, value(am, "samples"), samples);
      }
      if (inputs == null && path != null && path.contains("${") && sources.size() == 1) {
        reporter.note(Message.SAMPLE_FALLBACK, m, null, null, path, name, "NamedSample", sampleName.simpleName());
      }
      if (quantize == null) {
        reporter.warning(Message.DATASET_UNUSED, m, null, null, m.getSimpleName() + "()", "the recipe has no @Quantize");
      } else if (!quantize.mode().needsDataset()) {
        reporter.warning(Message.DATASET_UNUSED, m, null, null, m.getSimpleName() + "()",
            "mode " + quantize.mode() + " does not calibrate");
      }
    }

    // --- @Quantize
    RecipeModel.QuantizeModel quantizeModel = null;
    if (quantize != null) {
      AnnotationMirror qm = mirror(recipe, Quantize.class).orElseThrow();
      if (quantize.mode().needsDataset() && datasetMethods.isEmpty()) {
        reporter.error(Message.QUANTIZE_NEEDS_DATASET, recipe, qm, value(qm, "mode"), quantize.mode(), name,
            expectedSample.simpleName());
      }
      checkIoType(recipe, qm, "inputType", quantize.inputType(), quantize);
      checkIoType(recipe, qm, "outputType", quantize.outputType(), quantize);
      if (quantize.int8Only() && !quantize.mode().isInteger()) {
        reporter.error(Message.INT8_ONLY_NEEDS_INTEGER_MODE, recipe, qm, value(qm, "int8Only"), quantize.mode());
      }
      if (!quantize.perChannelDense() && quantize.mode().name().equals("FLOAT16")) {
        reporter.error(Message.PER_TENSOR_WITH_FLOAT16, recipe, qm, value(qm, "perChannelDense"));
      }
      for (String pattern : quantize.keepFloat()) {
        checkKeepFloat(recipe, qm, pattern);
      }
      quantizeModel = new RecipeModel.QuantizeModel(quantize.mode().name(), quantize.inputType().name(),
          quantize.outputType().name(), quantize.int8Only(), quantize.perChannelDense(), List.of(quantize.keepFloat()), samples);
    } else {
      // integer I/O types only exist inside @Quantize, so nothing to check without it
    }

    // --- @Metadata and @Labels
    RecipeModel.MetadataModel metadata = metadata(recipe, kind, path, knownPath != null, tags, signatures);

    if (reporter.errorCount() > errorsBefore) {
      return Optional.empty();
    }
    return Optional.of(new RecipeModel(recipeName, pipelineName, kind, path, tags, signatures, inputShapes, output,
        quantizeModel, dataset, dataset != null ? sample : null, unrollRnn, metadata));
  }

  /**
   * The recipe's metadata, checked against what exists at compile time: the files (unless their
   * paths use ${...}), and, for a SavedModel read here, its output names and signature count.
   */
  private RecipeModel.MetadataModel metadata(TypeElement recipe, String kind, String path, boolean modelRead,
      List<String> tags, List<String> signatures) {
    Metadata meta = recipe.getAnnotation(Metadata.class);
    Labels[] labels = recipe.getAnnotationsByType(Labels.class);
    if (meta == null && labels.length == 0) {
      return null;
    }
    AnnotationMirror metaMirror = mirror(recipe, Metadata.class).orElse(null);
    if (meta != null && !meta.file().isBlank() && !meta.file().contains("${")) {
      Path resolved = baseDir.resolve(meta.file()).toAbsolutePath().normalize();
      if (!Files.exists(resolved)) {
        reporter.error(Message.METADATA_FILE_NOT_FOUND, recipe, metaMirror, value(metaMirror, "file"), meta.file(), resolved);
      } else {
        try {
          io.litertj.metadata.ModelMetadata.fromJson(resolved);
        } catch (ConversionException e) {
          reporter.error(Message.METADATA_FILE_INVALID, recipe, metaMirror, value(metaMirror, "file"), meta.file(),
              e.getMessage());
        }
      }
    }
    Set<String> outputs = null;
    if (modelRead && kind.equals("SAVED_MODEL")) {
      Path dir = baseDir.resolve(path).toAbsolutePath().normalize();
      try (io.litertj.savedmodel.SavedModelSource source = io.litertj.savedmodel.SavedModelSource.open(dir, Set.copyOf(tags))) {
        List<String> keys = signatures.isEmpty() ? source.signatureKeys() : signatures;
        if (keys.size() == 1) {
          outputs = new java.util.TreeSet<>();
          for (SignatureInfo.TensorSpec out : source.signature(keys.get(0)).outputs()) {
            outputs.add(out.name());
          }
        } else {
          AnnotationMirror at = metaMirror != null ? metaMirror : labelsSite(recipe, labels[0].output()).mirror();
          reporter.error(Message.METADATA_ONE_SIGNATURE, recipe, at, null, recipe.getSimpleName(), keys.size(), keys);
        }
      } catch (ConversionException | java.io.UncheckedIOException e) {
        // reported where the model was read
      }
    }
    List<RecipeModel.LabelModel> labelModels = new ArrayList<>();
    for (Labels l : labels) {
      Site site = labelsSite(recipe, l.output());
      if (l.output().isBlank() || l.path().isBlank()) {
        reporter.error(Message.LABELS_EMPTY, recipe, site.mirror(), site.value(), l.output().isBlank() ? "output" : "path");
        continue;
      }
      if (!l.path().contains("${")) {
        Path resolved = baseDir.resolve(l.path()).toAbsolutePath().normalize();
        if (!Files.isRegularFile(resolved)) {
          reporter.error(Message.LABELS_NOT_FOUND, recipe, site.mirror(), site.value(), l.path(), resolved);
        }
      }
      if (outputs != null && !outputs.contains(l.output())) {
        reporter.error(Message.LABELS_UNKNOWN_OUTPUT, recipe, site.mirror(), site.value(), l.output(), outputs);
      }
      labelModels.add(new RecipeModel.LabelModel(l.output(), l.path(), l.locale()));
    }
    return meta == null
        ? new RecipeModel.MetadataModel("", "", "", "", "", "", labelModels)
        : new RecipeModel.MetadataModel(meta.name(), meta.description(), meta.version(), meta.author(), meta.license(),
            meta.file(), labelModels);
  }

  /** The written {@code @Labels} of an output (repeated ones sit in the {@code @LabelFiles} container). */
  private Site labelsSite(TypeElement recipe, String output) {
    for (AnnotationMirror m : recipe.getAnnotationMirrors()) {
      String type = ((TypeElement) m.getAnnotationType().asElement()).getQualifiedName().toString();
      if (type.equals(Labels.class.getCanonicalName()) && output.equals(value(m, "output").getValue())) {
        return new Site(m, value(m, "output"));
      }
      if (type.equals("io.litertj.recipe.LabelFiles")) {
        for (Object o : (List<?>) value(m, "value").getValue()) {
          AnnotationMirror inner = (AnnotationMirror) ((AnnotationValue) o).getValue();
          if (output.equals(value(inner, "output").getValue())) {
            return new Site(m, (AnnotationValue) o);
          }
        }
      }
    }
    return new Site(null, null);
  }

  private static final String REGEX_PREFIX = "regex:";

  /** Regex-only syntax: in a glob it is literal, and no op or tensor name has it. */
  private static final Pattern REGEX_SYNTAX = Pattern.compile("[|()\\[\\]{}+^$\\\\]|\\.\\*");

  /**
   * A keepFloat pattern is the converter's own syntax (as the CLI's {@code --keep_float}): an op
   * name, a tensor-name glob, or {@code regex:EXPR}. A glob that reads as a regular expression is
   * refused rather than quietly matching nothing.
   */
  private void checkKeepFloat(TypeElement recipe, AnnotationMirror qm, String pattern) {
    if (pattern.startsWith(REGEX_PREFIX)) {
      try {
        Pattern.compile(pattern.substring(REGEX_PREFIX.length()));
      } catch (PatternSyntaxException e) {
        reporter.error(Message.INVALID_KEEP_FLOAT, recipe, qm, value(qm, "keepFloat"), pattern, e.getDescription());
      }
    } else if (pattern.isBlank()) {
      reporter.error(Message.KEEP_FLOAT_NOT_A_GLOB, recipe, qm, value(qm, "keepFloat"), pattern, "it is empty", "*logits*");
    } else if (REGEX_SYNTAX.matcher(pattern).find()) {
      reporter.error(Message.KEEP_FLOAT_NOT_A_GLOB, recipe, qm, value(qm, "keepFloat"), pattern,
          "it has regular-expression syntax, which a glob takes literally", REGEX_PREFIX + pattern);
    }
  }

  /** The converter's rule: INT8 and UINT8 need mode INT8, INT16 needs INT16X8, FLOAT32 fits every mode. */
  private void checkIoType(TypeElement recipe, AnnotationMirror qm, String member, TensorType type, Quantize q) {
    if (type == TensorType.FLOAT32) {
      return;
    }
    if (!q.mode().isInteger()) {
      reporter.error(Message.INTEGER_IO_NEEDS_INTEGER_MODE, recipe, qm, value(qm, member), member, type, q.mode(), member);
      return;
    }
    boolean int16Mode = q.mode().name().equals("INT16X8");
    if ((type == TensorType.INT16) != int16Mode) {
      reporter.error(Message.IO_TYPE_OF_OTHER_MODE, recipe, qm, value(qm, member), member, type, q.mode(),
          int16Mode ? "int16" : "int8", int16Mode ? "INT16 or mode INT8" : "INT8 or UINT8, or mode INT16X8 for INT16",
          member);
    }
  }

  private void checkInstantiable(TypeElement recipe) {
    String name = recipe.getSimpleName().toString();
    if (recipe.getKind() != ElementKind.CLASS) {
      reporter.error(Message.NOT_A_CLASS, recipe, null, null, name);
      return;
    }
    String why = null;
    if (recipe.getModifiers().contains(Modifier.ABSTRACT)) {
      why = "it is abstract";
    } else if (recipe.getModifiers().contains(Modifier.PRIVATE)) {
      why = "it is private";
    } else if (recipe.getNestingKind() == NestingKind.MEMBER && !recipe.getModifiers().contains(Modifier.STATIC)) {
      why = "it is an inner class (not static)";
    } else if (recipe.getNestingKind() == NestingKind.LOCAL || recipe.getNestingKind() == NestingKind.ANONYMOUS) {
      why = "it is a local class";
    } else {
      boolean noArg = false;
      for (ExecutableElement c : ElementFilter.constructorsIn(recipe.getEnclosedElements())) {
        if (c.getParameters().isEmpty() && !c.getModifiers().contains(Modifier.PRIVATE)) {
          noArg = true;
        }
      }
      if (!noArg) {
        why = "it has no non-private no-argument constructor";
      }
    }
    if (why != null) {
      reporter.error(Message.NOT_INSTANTIABLE, recipe, null, null, name, why);
    }
  }

  private RecipeModel.DatasetModel checkDatasetMethod(ExecutableElement m, ClassName expected) {
    String method = m.getSimpleName() + "()";
    AnnotationMirror am = mirror(m, RepresentativeDataset.class).orElse(null);
    if (m.getModifiers().contains(Modifier.PRIVATE)) {
      reporter.error(Message.DATASET_PRIVATE, m, am, null, method);
    }
    if (!m.getParameters().isEmpty()) {
      reporter.error(Message.DATASET_PARAMETERS, m, am, null, method);
    }
    TypeMirror ret = m.getReturnType();
    if (expected != null && !returnsIterableOf(ret, expected)) {
      reporter.error(Message.DATASET_RETURN_TYPE, m, am, null, method, ret, expected.simpleName(), expected.simpleName());
    }
    return new RecipeModel.DatasetModel(m.getSimpleName().toString(), m.getModifiers().contains(Modifier.STATIC));
  }

  /** {@code Iterable<S>}, {@code List<S>}, ... (or {@code ? extends S}) where S is the expected sample type. */
  private boolean returnsIterableOf(TypeMirror ret, ClassName expected) {
    if (ret.getKind() != TypeKind.DECLARED) {
      return false;
    }
    DeclaredType declared = (DeclaredType) ret;
    TypeElement iterable = elements.getTypeElement("java.lang.Iterable");
    if (!types.isAssignable(types.erasure(ret), types.erasure(iterable.asType())) || declared.getTypeArguments().size() != 1) {
      return false;
    }
    TypeMirror arg = declared.getTypeArguments().get(0);
    if (arg instanceof WildcardType w) {
      if (w.getExtendsBound() == null) {
        return false;
      }
      arg = w.getExtendsBound();
    }
    if (arg.getKind() == TypeKind.ERROR) {
      // The sample record is generated in this round, so javac does not know it yet.
      String s = arg.toString();
      return s.equals(expected.simpleName()) || s.equals(expected.canonicalName());
    }
    if (arg.getKind() != TypeKind.DECLARED) {
      return false;
    }
    return ((TypeElement) ((DeclaredType) arg).asElement()).getQualifiedName().contentEquals(expected.canonicalName());
  }

  /** An input of the model: its dtype, shape and the signatures that take it. */
  private record InputInfo(String dtype, String shape, List<String> signatures) {}

  private Map<String, InputInfo> readSavedModel(TypeElement recipe, AnnotationMirror sm, String path, Path dir,
      List<String> tags, List<String> signatures) {
    try (io.litertj.savedmodel.SavedModelSource source = io.litertj.savedmodel.SavedModelSource.open(dir, Set.copyOf(tags))) {
      List<String> keys = source.signatureKeys();
      boolean ok = true;
      for (String key : signatures) {
        if (!keys.contains(key)) {
          reporter.error(Message.UNKNOWN_SIGNATURE, recipe, sm, value(sm, "signatures"), path, key, keys);
          ok = false;
        }
      }
      if (!ok) {
        return null;
      }
      Map<String, InputInfo> inputs = new LinkedHashMap<>();
      for (String key : signatures.isEmpty() ? keys : signatures) {
        SignatureInfo info = source.signature(key);
        for (SignatureInfo.TensorSpec in : info.inputs()) {
          InputInfo prev = inputs.get(in.name());
          if (prev == null) {
            List<String> sigs = new ArrayList<>();
            sigs.add(key);
            inputs.put(in.name(), new InputInfo(in.dtype().name(), in.shape() == null ? "unknown" : in.shape().toString(), sigs));
          } else {
            prev.signatures().add(key);
          }
        }
      }
      return inputs;
    } catch (ConversionException e) {
      // The converter's own words: what, where (the path, once), and its fix when it has one.
      reporter.error(Message.MODEL_UNREADABLE, recipe, sm, value(sm, "path"), "SavedModel", e.problem(),
          e.hint().orElse("check that the path names the folder that holds saved_model.pb, and the tags"));
      return null;
    } catch (java.io.UncheckedIOException e) {
      reporter.error(Message.MODEL_UNREADABLE, recipe, sm, value(sm, "path"), "SavedModel", dir + " ("
          + e.getCause().getMessage() + ")", "check that the path names the folder that holds saved_model.pb");
      return null;
    }
  }

  /**
   * The inputs of a Keras or {@code .tflite} model: the float conversion's (Keras) or the file's
   * (tflite) signature inputs, with their LiteRT element types, as the runtime shapes samples.
   */
  private Map<String, InputInfo> readModelFile(TypeElement recipe, AnnotationMirror mirror, String kind, Path file) {
    boolean keras = kind.equals("KERAS");
    try {
      LiteRtModel model = keras ? KerasPipeline.run(file) : TfliteReader.read(file);
      Map<String, InputInfo> inputs = new LinkedHashMap<>();
      for (Subgraph g : model.subgraphs()) {
        g.inputs().forEach((name, t) -> inputs.computeIfAbsent(name,
            n -> new InputInfo(t.type().name(), t.shape().toString(), new ArrayList<>())).signatures().add(g.name()));
      }
      return inputs;
    } catch (ConversionException e) {
      reporter.error(Message.MODEL_UNREADABLE, recipe, mirror, value(mirror, "path"), keras ? "Keras model" : "LiteRT model",
          e.problem(), e.hint().orElse("check that the path names " + (keras ? "a Keras 3 .keras or legacy .h5 file"
              : "a .tflite flatbuffer")));
      return null;
    } catch (java.io.UncheckedIOException e) {
      reporter.error(Message.MODEL_UNREADABLE, recipe, mirror, value(mirror, "path"), keras ? "Keras model" : "LiteRT model",
          file + " (" + e.getCause().getMessage() + ")", "check that the path names " + (keras
              ? "a Keras 3 .keras or legacy .h5 file" : "a .tflite flatbuffer"));
      return null;
    }
  }

  private static RecipeModel.SampleModel sampleModel(ClassName name, String path, Map<String, InputInfo> inputs) {
    List<RecipeModel.SampleField> fields = new ArrayList<>();
    Set<String> used = new LinkedHashSet<>();
    inputs.forEach((input, info) -> {
      String field = javaName(input);
      while (!used.add(field)) {
        field = field + "_";
      }
      fields.add(new RecipeModel.SampleField(field, input, javaType(info.dtype()), info.dtype(), info.shape(),
          List.copyOf(info.signatures())));
    });
    return new RecipeModel.SampleModel(name, path, fields);
  }

  /** A valid Java identifier for an input name: {@code input_1:0} → {@code input_1_0}. */
  static String javaName(String input) {
    StringBuilder sb = new StringBuilder();
    for (char c : input.toCharArray()) {
      sb.append(Character.isJavaIdentifierPart(c) ? c : '_');
    }
    if (sb.length() == 0 || !Character.isJavaIdentifierStart(sb.charAt(0))) {
      sb.insert(0, '_');
    }
    String s = sb.toString();
    if (javax.lang.model.SourceVersion.isKeyword(s) || s.equals("tensors")) {
      s = s + "_";
    }
    return s;
  }

  /** The sample field's type for a TensorFlow dtype ({@code DT_FLOAT}) or a LiteRT type ({@code FLOAT32}). */
  static Class<?> javaType(String dtype) {
    return switch (dtype) {
      case "DT_FLOAT", "FLOAT32" -> float[].class;
      case "DT_DOUBLE", "FLOAT64" -> double[].class;
      case "DT_INT32", "DT_UINT16", "INT32" -> int[].class;
      case "DT_INT64", "DT_UINT32", "INT64" -> long[].class;
      case "DT_INT16", "DT_HALF", "DT_BFLOAT16", "INT16", "FLOAT16" -> short[].class;
      case "DT_BOOL", "BOOL" -> boolean[].class;
      default -> byte[].class;
    };
  }

  private Optional<AnnotationMirror> mirror(Element e, Class<?> annotation) {
    for (AnnotationMirror m : e.getAnnotationMirrors()) {
      if (((TypeElement) m.getAnnotationType().asElement()).getQualifiedName().contentEquals(annotation.getCanonicalName())) {
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }

  /** Where a diagnostic goes: an annotation and one of its values (either may be null). */
  private record Site(AnnotationMirror mirror, AnnotationValue value) {}

  /**
   * The written {@code @InputShape} of an input. Repeated ones sit in a synthesized
   * {@code @InputShapes} container with no source position of its own; javac finds the written
   * annotation from the container and the array element.
   */
  private Site inputShapeSite(TypeElement recipe, String name) {
    for (AnnotationMirror m : recipe.getAnnotationMirrors()) {
      String type = ((TypeElement) m.getAnnotationType().asElement()).getQualifiedName().toString();
      if (type.equals(InputShape.class.getCanonicalName()) && name.equals(value(m, "name").getValue())) {
        return new Site(m, value(m, "name"));
      }
      if (type.equals("io.litertj.recipe.InputShapes")) {
        for (Object o : (List<?>) value(m, "value").getValue()) {
          AnnotationMirror inner = (AnnotationMirror) ((AnnotationValue) o).getValue();
          if (name.equals(value(inner, "name").getValue())) {
            return new Site(m, (AnnotationValue) o);
          }
        }
      }
    }
    return new Site(null, null);
  }

  /** The value written for {@code member}, or null when it is left at its default (no position). */
  private static AnnotationValue value(AnnotationMirror m, String member) {
    if (m == null) {
      return null;
    }
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e : m.getElementValues().entrySet()) {
      if (e.getKey().getSimpleName().contentEquals(member)) {
        return e.getValue();
      }
    }
    return null;
  }
}
