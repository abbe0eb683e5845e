package io.litertj.recipe;

import io.litertj.ConversionException;
import io.litertj.ConversionResult;
import io.litertj.LiteRtConverter;
import io.litertj.quantize.IoType;
import io.litertj.quantize.QuantizationMode;
import io.litertj.quantize.QuantizationOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Runs recipes: converts each {@link RecipeDescriptor} with {@link LiteRtConverter}, and records
 * or verifies its {@link LockEntry}.
 *
 * <p>Model paths are resolved against the base directory, output paths against the output
 * directory. Both default to the system property {@code litertj.baseDir}, else the working
 * directory.
 *
 * <p>Command line (what a build calls to run every recipe of its class path):
 * <pre>
 * java io.litertj.recipe.RecipeRunner [--list] [--verify] [--base DIR] [--out DIR] [--lock FILE] [RECIPE...]
 * </pre>
 * {@code RECIPE} filters by class name or simple name. Without {@code --verify} the outputs and
 * the lock ({@code OUT/recipes.lock.json} by default) are written. With it, every recipe is
 * re-converted in memory and compared with the lock; a difference fails (exit code 1) naming the
 * recipe and what changed.
 *
 * <p>Every quantization mode runs; calibration samples are shaped from the model's signature, and
 * {@code keepFloat} regular expressions are matched against op names and output tensor names.
 */
public final class RecipeRunner {

  /** The lock file's default name. */
  public static final String LOCK_FILE = "recipes.lock.json";

  private final Path baseDir;
  private final Path outDir;

  public RecipeRunner(Path baseDir, Path outDir) {
    this.baseDir = baseDir;
    this.outDir = outDir;
  }

  /** A runner whose base and output directories are {@code litertj.baseDir}, else the working directory. */
  public static RecipeRunner defaults() {
    Path base = Path.of(System.getProperty("litertj.baseDir", ""));
    return new RecipeRunner(base, base);
  }

  public Path baseDir() {
    return baseDir;
  }

  public Path outDir() {
    return outDir;
  }

  /** Converts one recipe and writes its output; returns the result with its lock entry. */
  public RecipeResult run(RecipeDescriptor recipe) {
    Path output = outDir.resolve(recipe.output());
    return run(recipe, output);
  }

  /** Converts one recipe to {@code output} (resolved against the output directory). */
  public RecipeResult run(RecipeDescriptor recipe, Path output) {
    Path model = checkSupported(recipe);
    Path target = outDir.resolve(output);
    try {
      Files.createDirectories(target.toAbsolutePath().getParent());
    } catch (IOException e) {
      throw ConversionException.builder("recipe " + recipe.recipeClass() + ": cannot create the directory of " + target
          + ": " + io.litertj.files.FileErrors.reason(e)).named(target).cause(e).build();
    }
    var report = converter(recipe, model).convertTo(target);
    LockEntry entry = lockEntry(recipe, model, sha256(target), report.modelBytes());
    return new RecipeResult(recipe, target, report, entry);
  }

  /** Converts one recipe in memory, writing nothing: what verify mode compares with the lock. */
  public RecipeResult dryRun(RecipeDescriptor recipe) {
    Path model = checkSupported(recipe);
    ConversionResult result = converter(recipe, model).convert();
    byte[] bytes = result.bytes();
    return new RecipeResult(recipe, null, result.report(), lockEntry(recipe, model, sha256(bytes), bytes.length));
  }

  /** Runs every recipe, then writes the lock file; returns the results in order. */
  public List<RecipeResult> runAll(List<? extends Recipe> recipes, Path lockFile) {
    List<RecipeResult> results = new ArrayList<>();
    for (Recipe r : recipes) {
      results.add(run(r.descriptor()));
    }
    RecipeLock.of(results.stream().map(RecipeResult::lock).toList()).write(outDir.resolve(lockFile));
    return results;
  }

  /**
   * Re-runs every recipe in memory and compares it with the lock file.
   *
   * @throws LockMismatchException naming each recipe that differs and what changed
   */
  public List<RecipeResult> verifyAll(List<? extends Recipe> recipes, Path lockFile) {
    RecipeLock lock = RecipeLock.read(outDir.resolve(lockFile));
    Map<String, List<String>> differences = new TreeMap<>();
    List<RecipeResult> results = new ArrayList<>();
    List<String> seen = new ArrayList<>();
    for (Recipe r : recipes) {
      RecipeDescriptor d = r.descriptor();
      LockEntry current;
      try {
        RecipeResult result = dryRun(d);
        results.add(result);
        current = result.lock();
      } catch (ConversionException e) {
        // Still compare the inputs: they usually say why the re-run failed.
        String first = e.getMessage().lines().findFirst().orElse("");
        Path model;
        try {
          model = modelPath(d);
        } catch (ConversionException unset) {
          model = baseDir.resolve("(unresolved)");
        }
        current = lockEntry(d, model, first, -1);
      }
      String name = d.recipeClass();
      seen.add(name);
      LockEntry locked = lock.entries().get(name);
      if (locked == null) {
        differences.put(name, List.of("not in the lock file"));
      } else {
        List<String> diffs = current.differencesFrom(locked);
        if (!diffs.isEmpty()) {
          differences.put(name, diffs);
        }
      }
    }
    for (String locked : lock.entries().keySet()) {
      if (!seen.contains(locked)) {
        differences.put(locked, List.of("in the lock file but no such recipe was run"));
      }
    }
    if (!differences.isEmpty()) {
      throw new LockMismatchException(differences);
    }
    return results;
  }

  private Path checkSupported(RecipeDescriptor recipe) {
    QuantizationSettings q = recipe.quantization();
    Path model = modelPath(recipe);
    boolean exists = recipe.sourceKind() == SourceKind.SAVED_MODEL ? Files.isDirectory(model) : Files.isRegularFile(model);
    if (!exists) {
      throw ConversionException.builder("recipe " + recipe.recipeClass() + ": model "
              + (recipe.sourceKind() == SourceKind.SAVED_MODEL ? "directory" : "file") + " not found: "
              + model.toAbsolutePath())
          .named(model.toAbsolutePath())
          .hint("create it, or fix the recipe's source path (relative paths are resolved against " + baseDir.toAbsolutePath() + ")")
          .build();
    }
    return model;
  }

  /**
   * The model's path: {@code ${name}} parts are replaced by the system property {@code name}, else
   * the environment variable; the result is resolved against the base directory. A path with
   * {@code ${...}} is one the processor does not check at compile time.
   */
  Path modelPath(RecipeDescriptor recipe) {
    return resolve(recipe, recipe.sourcePath(), "model path");
  }

  /** A path of the recipe ({@code what}: "model path", "metadata path"), resolved as the model path is. */
  private Path resolve(RecipeDescriptor recipe, String path, String what) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\$\\{([^}]+)}").matcher(path);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      String value = System.getProperty(name, System.getenv(name));
      if (value == null) {
        throw ConversionException.builder("recipe " + recipe.recipeClass() + ": the " + what + " \"" + path + "\" uses ${"
            + name + "}, which is not set")
            .hint("run with -D" + name + "=DIR or set the environment variable " + name).build();
      }
      m.appendReplacement(sb, java.util.regex.Matcher.quoteReplacement(value));
    }
    m.appendTail(sb);
    return baseDir.resolve(sb.toString());
  }

  private LiteRtConverter.Builder converter(RecipeDescriptor recipe, Path model) {
    LiteRtConverter.Builder b = switch (recipe.sourceKind()) {
      case SAVED_MODEL -> LiteRtConverter.fromSavedModel(model)
          .tags(recipe.tags().toArray(String[]::new))
          .signatureKeys(recipe.signatures());
      case KERAS -> LiteRtConverter.fromKeras(model).unrollRecurrent(recipe.unrollRnn());
      case TFLITE -> LiteRtConverter.fromTflite(model);
    };
    recipe.inputShapes().forEach((name, dims) -> b.inputShape(name, dims.stream().mapToInt(Integer::intValue).toArray()));
    if (recipe.metadata() != null) {
      b.metadata(recipe.metadata().resolve(p -> resolve(recipe, p, "metadata path")));
    }
    QuantizationSettings q = recipe.quantization();
    if (q != null) {
      b.quantize(QuantizationOptions.of(QuantizationMode.valueOf(q.mode().name()))
          .withIoTypes(IoType.valueOf(q.inputType().name()), IoType.valueOf(q.outputType().name()))
          .withInt8Only(q.int8Only())
          .withPerChannelDense(q.perChannelDense())
          // the DSL's patterns are regular expressions; the converter takes them with this prefix
          .withKeepFloat(q.keepFloat().stream().map(p -> "regex:" + p).toList()));
      if (recipe.dataset() != null) {
        b.representativeDataset(RecipeSamples.shaped(recipe, model));
      }
    }
    return b;
  }

  private LockEntry lockEntry(RecipeDescriptor recipe, Path model, String outputSha, long outputBytes) {
    Map<String, String> options = new LinkedHashMap<>();
    options.put("source", recipe.sourceKind() + " " + recipe.sourcePath());
    options.put("tags", String.join(",", recipe.tags()));
    options.put("signatures", recipe.signatures().isEmpty() ? "(all)" : String.join(",", recipe.signatures()));
    recipe.inputShapes().forEach((name, dims) -> options.put("inputShape." + name, dims.toString()));
    if (recipe.unrollRnn()) {
      options.put("unrollRnn", "true"); // only when set, so older locks still match
    }
    options.put("quantization", recipe.quantization() == null ? "none (float32)" : recipe.quantization().toString());
    Map<String, String> inputs = inputFiles(recipe.sourcePath(), model);
    if (recipe.metadata() != null) {
      options.put("metadata", recipe.metadata().toString()); // only when set, so older locks still match
      RecipeMetadata m = recipe.metadata();
      if (!m.file().isEmpty()) {
        inputs.putAll(inputFiles(m.file(), resolve(recipe, m.file(), "metadata path")));
      }
      // every label file, also those the JSON file names
      for (Path p : RecipeMetadata.files(m.resolve(p -> resolve(recipe, p, "metadata path")))) {
        Path absolute = p.toAbsolutePath().normalize();
        Path base = baseDir.toAbsolutePath().normalize();
        String key = absolute.startsWith(base) ? base.relativize(absolute).toString() : absolute.toString();
        inputs.putAll(inputFiles(key, p));
      }
    }
    return new LockEntry(recipe.recipeClass(), runtimeVersion(), options, inputs,
        datasetSha256(recipe), recipe.output(), outputSha, outputBytes);
  }

  /** SHA-256 of every regular file of the model, keyed by the recipe's path plus the file's relative path. */
  static Map<String, String> inputFiles(String recipePath, Path model) {
    Map<String, String> out = new TreeMap<>();
    String prefix = recipePath.replace('\\', '/');
    if (!Files.exists(model)) {
      return out;
    }
    if (Files.isRegularFile(model)) {
      out.put(prefix, sha256(model));
      return out;
    }
    try (Stream<Path> files = Files.walk(model)) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        out.put(prefix + "/" + model.relativize(f).toString().replace('\\', '/'), sha256(f));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + model, e);
    }
    return out;
  }

  /**
   * SHA-256 of the calibration samples (the first {@code samples} of them): per sample, per input,
   * the name, the array's element type and its little-endian bytes. Null without a dataset.
   */
  static String datasetSha256(RecipeDescriptor recipe) {
    if (recipe.dataset() == null) {
      return null;
    }
    MessageDigest md = digest();
    int limit = recipe.quantization() == null ? Integer.MAX_VALUE : recipe.quantization().samples();
    int n = 0;
    for (Sample sample : recipe.dataset().get()) {
      if (n++ >= limit) {
        break;
      }
      for (Map.Entry<String, Object> e : sample.tensors().entrySet()) {
        md.update(e.getKey().getBytes(StandardCharsets.UTF_8));
        Object array = e.getValue();
        md.update(array.getClass().getComponentType().getName().getBytes(StandardCharsets.UTF_8));
        int len = Array.getLength(array);
        ByteBuffer buf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < len; i++) {
          buf.clear();
          Object v = Array.get(array, i);
          if (v instanceof Float f) {
            buf.putFloat(f);
          } else if (v instanceof Double d) {
            buf.putDouble(d);
          } else if (v instanceof Integer x) {
            buf.putInt(x);
          } else if (v instanceof Long x) {
            buf.putLong(x);
          } else if (v instanceof Short x) {
            buf.putShort(x);
          } else if (v instanceof Byte x) {
            buf.put(x);
          } else if (v instanceof Boolean x) {
            buf.put((byte) (x ? 1 : 0));
          } else {
            buf.putChar((Character) v);
          }
          md.update(buf.array(), 0, buf.position());
        }
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }

  /** The runtime's version, from its Maven metadata; {@code dev} when run from classes. */
  public static String runtimeVersion() {
    try (InputStream in = LiteRtConverter.class.getResourceAsStream("/META-INF/maven/io.litertj/litertj-runtime/pom.properties")) {
      if (in != null) {
        Properties p = new Properties();
        p.load(in);
        return p.getProperty("version", "dev");
      }
    } catch (IOException e) {
      // fall through
    }
    String v = LiteRtConverter.class.getPackage().getImplementationVersion();
    return v != null ? v : "dev";
  }

  static String sha256(Path file) {
    MessageDigest md = digest();
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buf = new byte[1 << 16];
      int n;
      while ((n = in.read(buf)) > 0) {
        md.update(buf, 0, n);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return HexFormat.of().formatHex(md.digest());
  }

  static String sha256(byte[] bytes) {
    return HexFormat.of().formatHex(digest().digest(bytes));
  }

  private static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The command line; see the class comment. */
  public static void main(String[] args) {
    System.exit(mainWithExitCode(args, RecipeRegistry.load()));
  }

  /** The command line over the given recipes; returns the exit code (0 ok, 1 failure, 2 usage). */
  public static int mainWithExitCode(String[] args, List<Recipe> all) {
    Path base = null;
    Path out = null;
    Path lock = Path.of(LOCK_FILE);
    boolean verify = false;
    boolean list = false;
    List<String> names = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--verify" -> verify = true;
        case "--list" -> list = true;
        case "--base", "--out", "--lock" -> {
          if (i + 1 >= args.length) {
            System.err.println(a + " needs a value");
            return 2;
          }
          Path p = Path.of(args[++i]);
          if (a.equals("--base")) {
            base = p;
          } else if (a.equals("--out")) {
            out = p;
          } else {
            lock = p;
          }
        }
        default -> {
          if (a.startsWith("--")) {
            System.err.println("unknown option " + a
                + "\nusage: RecipeRunner [--list] [--verify] [--base DIR] [--out DIR] [--lock FILE] [RECIPE...]");
            return 2;
          }
          names.add(a);
        }
      }
    }
    RecipeRunner defaults = defaults();
    RecipeRunner runner = new RecipeRunner(base != null ? base : defaults.baseDir,
        out != null ? out : base != null ? base : defaults.outDir);
    List<Recipe> recipes = all.stream().filter(r -> names.isEmpty() || names.contains(r.descriptor().recipeClass())
        || names.contains(r.descriptor().simpleName())).toList();
    if (list) {
      recipes.forEach(r -> System.out.println(r.descriptor().recipeClass() + " -> " + r.descriptor().output()));
      return 0;
    }
    if (recipes.isEmpty()) {
      System.err.println("no recipes found" + (names.isEmpty() ? " on the class path (is litertj-processor on the annotation processor path?)" : " named " + names));
      return 1;
    }
    try {
      if (verify) {
        runner.verifyAll(recipes, lock);
        System.out.println("verified " + recipes.size() + " recipes against " + runner.outDir.resolve(lock).toAbsolutePath());
      } else {
        for (RecipeResult r : runner.runAll(recipes, lock)) {
          System.out.printf("%s -> %s (%,d bytes)%n", r.recipe().recipeClass(), r.output().toAbsolutePath(), r.report().modelBytes());
        }
        System.out.println("lock: " + runner.outDir.resolve(lock).toAbsolutePath());
      }
      return 0;
    } catch (LockMismatchException | ConversionException e) {
      System.err.println(e.getMessage());
      return 1;
    }
  }
}
