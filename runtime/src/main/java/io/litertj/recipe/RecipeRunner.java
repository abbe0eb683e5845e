package io.litertj.recipe;

import io.litertj.ConversionException;
import io.litertj.ConversionResult;
import io.litertj.LiteRtConverter;
import io.litertj.quantize.IoType;
import io.litertj.quantize.QuantizationMode;
import io.litertj.quantize.QuantizationOptions;
import io.litertj.metadata.ModelMetadata;
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
 * <p>The lock works as lock files do elsewhere ({@code npm ci}, {@code cargo --locked}): a run
 * adds entries for recipes the lock does not have yet, but leaves an existing entry as it is unless
 * asked to update it ({@link LockPolicy#UPDATE}), so a changed model fails {@link #verifyAll}
 * instead of being re-locked quietly.
 *
 * <p>Command line (what a build without the Maven plugin calls to run every recipe of its class path):
 * <pre>
 * java io.litertj.recipe.RecipeRunner [--list] [--verify] [--update-lock] [--base DIR] [--out DIR] [--lock FILE] [RECIPE...]
 * </pre>
 * See {@link #USAGE}; {@code --help} prints it.
 *
 * <p>Every quantization mode runs; calibration samples are shaped from the model's signature, and
 * {@code keepFloat} patterns are the converter's own (see {@code QuantizationOptions.keepFloat}).
 */
public final class RecipeRunner {

  /** The lock file's default name. */
  public static final String LOCK_FILE = "recipes.lock.json";

  /** What {@code --help} prints. */
  public static final String USAGE = """
      usage: java io.litertj.recipe.RecipeRunner [OPTION...] [RECIPE...]
      Runs the recipes of the class path (META-INF/services/io.litertj.recipe.Recipe), writes their
      .tflite files and records them in the lock file.
        RECIPE          only the recipes with this class name or simple name (default: all)
        --base DIR      resolve relative model paths against DIR (default: -Dlitertj.baseDir, else .)
        --out DIR       write the outputs under DIR (default: the base directory)
        --lock FILE     the lock file, relative to the output directory (default: recipes.lock.json)
        --verify        write nothing: re-run every recipe in memory and fail (exit 1), naming the
                        recipe and what changed, when it differs from the lock
        --update-lock   also rewrite lock entries that changed (by default a run only adds entries
                        for new recipes, so a changed model fails --verify instead of being re-locked)
        --list          list the recipes and their outputs
        --help          print this
      Exit codes: 0 done, 1 a recipe failed or differs from the lock, 2 invalid command line.""";

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
    return run(recipe, Path.of(recipe.output())); // resolved against the output directory once, there
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

  /**
   * Runs every recipe and writes a new lock file of exactly their entries, whatever the old one
   * held; returns the results in order. {@link #runAll(List, Path, LockPolicy, boolean)} keeps
   * existing entries.
   */
  public List<RecipeResult> runAll(List<? extends Recipe> recipes, Path lockFile) {
    List<RecipeResult> results = new ArrayList<>();
    for (Recipe r : recipes) {
      results.add(run(r.descriptor()));
    }
    RecipeLock.of(results.stream().map(RecipeResult::lock).toList()).write(outDir.resolve(lockFile));
    return results;
  }

  /**
   * Runs every recipe, writes its output, and records it in the lock file as {@code policy}
   * says: a recipe the lock does not have is added; an entry that differs from the run is
   * rewritten only with {@link LockPolicy#UPDATE}. With {@code complete} (the recipes are all
   * the project has) and {@code UPDATE}, entries of recipes that no longer exist are dropped.
   * The lock file is written only when it changes.
   */
  public LockUpdate runAll(List<? extends Recipe> recipes, Path lockFile, LockPolicy policy, boolean complete) {
    Path file = outDir.resolve(lockFile);
    RecipeLock old = Files.exists(file) ? RecipeLock.read(file) : new RecipeLock(Map.of());
    Map<String, LockEntry> entries = new TreeMap<>(old.entries());
    List<RecipeResult> results = new ArrayList<>();
    List<String> added = new ArrayList<>();
    List<String> updated = new ArrayList<>();
    Map<String, List<String>> kept = new TreeMap<>();
    for (Recipe r : recipes) {
      RecipeResult result = run(r.descriptor());
      results.add(result);
      String name = result.lock().recipe();
      LockEntry locked = entries.get(name);
      if (locked == null) {
        added.add(name);
        entries.put(name, result.lock());
        continue;
      }
      List<String> diffs = result.lock().differencesFrom(locked);
      if (diffs.isEmpty()) {
        continue;
      }
      if (policy == LockPolicy.UPDATE) {
        updated.add(name);
        entries.put(name, result.lock());
      } else {
        kept.put(name, diffs);
      }
    }
    List<String> removed = new ArrayList<>();
    if (complete && policy == LockPolicy.UPDATE) {
      List<String> run = results.stream().map(x -> x.lock().recipe()).toList();
      for (String name : List.copyOf(entries.keySet())) {
        if (!run.contains(name)) {
          entries.remove(name);
          removed.add(name);
        }
      }
    }
    RecipeLock lock = new RecipeLock(entries);
    if (!Files.exists(file) || !lock.equals(old)) {
      lock.write(file);
    }
    return new LockUpdate(results, file, added, updated, removed, kept);
  }

  /**
   * Re-runs every recipe in memory and compares it with the lock file; a lock entry of a recipe
   * that was not run is a difference too.
   *
   * @throws LockMismatchException naming each recipe that differs and what changed
   */
  public List<RecipeResult> verifyAll(List<? extends Recipe> recipes, Path lockFile) {
    return verifyAll(recipes, lockFile, true);
  }

  /**
   * Re-runs every recipe in memory and compares it with the lock file. With {@code complete}
   * (the recipes are all the project has), a lock entry of a recipe that was not run is a
   * difference too; without it (a selection of recipes), other entries are not looked at.
   *
   * @throws LockMismatchException naming each recipe that differs and what changed
   */
  public List<RecipeResult> verifyAll(List<? extends Recipe> recipes, Path lockFile, boolean complete) {
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
      if (complete && !seen.contains(locked)) {
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
      b.metadata(RecipeMetadataResolver.resolve(recipe.metadata(), p -> resolve(recipe, p, "metadata path")));
    }
    QuantizationSettings q = recipe.quantization();
    if (q != null) {
      b.quantize(QuantizationOptions.of(QuantizationMode.valueOf(q.mode().name()))
          .withIoTypes(IoType.valueOf(q.inputType().name()), IoType.valueOf(q.outputType().name()))
          .withInt8Only(q.int8Only())
          .withPerChannelDense(q.perChannelDense())
          // the recipe's patterns are the converter's own syntax: op names, tensor globs, regex:EXPR
          .withKeepFloat(q.keepFloat()));
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
      ModelMetadata resolved = RecipeMetadataResolver.resolve(m, p -> resolve(recipe, p, "metadata path"));
      for (Path p : RecipeMetadataResolver.files(resolved)) {
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
    return mainWithExitCode(args, all, System.out, System.err);
  }

  /** As {@link #mainWithExitCode(String[], List)}, printing to {@code out} and {@code err}. */
  public static int mainWithExitCode(String[] args, List<Recipe> all, java.io.PrintStream out, java.io.PrintStream err) {
    Path base = null;
    Path outDir = null;
    Path lock = Path.of(LOCK_FILE);
    boolean verify = false;
    boolean list = false;
    boolean updateLock = false;
    List<String> names = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--help", "-h" -> {
          out.println(USAGE);
          return 0;
        }
        case "--verify" -> verify = true;
        case "--list" -> list = true;
        case "--update-lock" -> updateLock = true;
        case "--base", "--out", "--lock" -> {
          if (i + 1 >= args.length) {
            err.println(a + " needs a value\n" + USAGE);
            return 2;
          }
          Path p = Path.of(args[++i]);
          if (a.equals("--base")) {
            base = p;
          } else if (a.equals("--out")) {
            outDir = p;
          } else {
            lock = p;
          }
        }
        default -> {
          if (a.startsWith("-")) {
            err.println("unknown option " + a + "\n" + USAGE);
            return 2;
          }
          names.add(a);
        }
      }
    }
    if (verify && updateLock) {
      err.println("--verify and --update-lock exclude each other: --verify writes nothing\n" + USAGE);
      return 2;
    }
    RecipeRunner defaults = defaults();
    RecipeRunner runner = new RecipeRunner(base != null ? base : defaults.baseDir,
        outDir != null ? outDir : base != null ? base : defaults.outDir);
    List<Recipe> recipes = select(all, names);
    if (list) {
      recipes.forEach(r -> out.println(r.descriptor().recipeClass() + " -> " + r.descriptor().output()));
      return 0;
    }
    if (recipes.isEmpty()) {
      err.println("no recipes found" + (names.isEmpty() ? " on the class path (is litertj-processor on the annotation processor path?)"
          : " named " + names + "; the recipes are " + all.stream().map(r -> r.descriptor().recipeClass()).toList()));
      return 1;
    }
    try {
      if (verify) {
        runner.verifyAll(recipes, lock, names.isEmpty());
        out.println("verified " + recipes.size() + " recipes against " + runner.outDir.resolve(lock).toAbsolutePath());
      } else {
        LockUpdate update = runner.runAll(recipes, lock, updateLock ? LockPolicy.UPDATE : LockPolicy.ADD_NEW, names.isEmpty());
        for (RecipeResult r : update.results()) {
          out.printf("%s -> %s (%,d bytes)%n", r.recipe().recipeClass(), r.output().toAbsolutePath(), r.report().modelBytes());
        }
        out.println(update.summary());
        if (!update.kept().isEmpty()) {
          err.println(update.keptWarning("run again with --update-lock"));
        }
      }
      return 0;
    } catch (LockMismatchException e) {
      err.println(e.describe("If the change is intended, run the recipes with --update-lock to record it."));
      return 1;
    } catch (ConversionException e) {
      err.println(e.getMessage());
      return 1;
    }
  }

  /** The recipes named by class name or simple name; all of them when none is named. */
  public static List<Recipe> select(List<Recipe> all, List<String> names) {
    return all.stream().filter(r -> names.isEmpty() || names.contains(r.descriptor().recipeClass())
        || names.contains(r.descriptor().simpleName())).toList();
  }
}
