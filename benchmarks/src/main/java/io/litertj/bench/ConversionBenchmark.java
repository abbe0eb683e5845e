package io.litertj.bench;

import io.litertj.ConversionReport;
import io.litertj.LiteRtConverter;
import io.litertj.ir.LiteRtModel;
import io.litertj.pipeline.ConversionSettings;
import io.litertj.pipeline.SavedModelPipeline;
import io.litertj.tflite.TfliteWriter;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * How fast litertj converts, and how much heap it needs, compared with a plain copy of the same
 * bytes on the same disk. Run it with {@code scripts/bench}.
 *
 * <p>Two models: the MLPerf Tiny DS-CNN keyword spotter ({@code ../shared/models}, skipped when
 * absent) and a ~200 MB SavedModel that {@link MlpSavedModel} writes with TF Java on first use
 * (cached under {@code benchmarks/target/bench-models}). In one JVM, each model is converted a few
 * times to warm up, then {@code runs} times measured; each measured conversion is preceded by a
 * plain copy of the SavedModel's files ({@code saved_model.pb} and {@code variables/*}) to the
 * same directory as the output, so both work on a warm page cache.
 *
 * <p>Figures per model: wall time of {@code LiteRtConverter.fromSavedModel(dir).convertTo(file)}
 * (median and minimum), peak heap during it (the sum of the heap pools' peak usage after a
 * {@code System.gc()} and a peak reset, so garbage not yet collected counts too: an upper bound),
 * the plain-copy time (median, minimum) and, for reference, copy plus {@code fsync} (the converter
 * syncs its output before the atomic rename). Because a large heap lets garbage pile up, the peak
 * can overstate what a conversion needs; so the benchmark also finds the <em>heap floor</em>, the
 * smallest {@code -Xmx} with which a fresh JVM still converts the model ({@link ConvertOnce}, a
 * bisection over child JVMs). The targets of the issue are printed as PASS/MISS:
 * conversion within 3x the copy time, peak heap within 1.5x the weight bytes. It is a benchmark,
 * not a test: it never fails on a MISS.
 *
 * <p>Arguments: {@code --runs N} (default 5), {@code --warmup N} (default 3), {@code --work DIR}
 * (default {@code benchmarks/target/bench-models} under the repository), {@code --models
 * dscnn,mlp} (default both), {@code --shared DIR} (the shared models directory), {@code
 * --heap-floor false} (skip the child-JVM search, which takes about half a minute).
 */
public final class ConversionBenchmark {

  static final double TIME_TARGET = 3.0;
  static final double HEAP_TARGET = 1.5;

  private static final String DSCNN = "mlperf_tiny_kws_dscnn_tf2";

  private ConversionBenchmark() {}

  /** One measured model. */
  private record Model(String name, Path dir) {}

  /** The figures of one model. */
  private record Figures(Model model, long savedModelBytes, long weightBytes, long outputBytes,
      String layout, Stats convert, Stats copy, Stats copySync, Stats pipeline, Stats write,
      long peakHeap, long baselineHeap, long gcCount, long heapFloor) {}

  /** Median and minimum of some durations, in nanoseconds. */
  private record Stats(long median, long min) {
    static Stats of(List<Long> nanos) {
      long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
      int n = sorted.length;
      long median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
      return new Stats(median, sorted[0]);
    }
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = parse(args);
    int runs = Integer.parseInt(opts.getOrDefault("runs", "5"));
    int warmup = Integer.parseInt(opts.getOrDefault("warmup", "3"));
    boolean floor = Boolean.parseBoolean(opts.getOrDefault("heap-floor", "true"));
    Set<String> which = Set.of(opts.getOrDefault("models", "dscnn,mlp").split(","));
    Path work = Path.of(opts.getOrDefault("work", defaultWorkDir().toString())).toAbsolutePath().normalize();
    Files.createDirectories(work);

    printEnvironment(work, runs, warmup);

    List<Model> models = new ArrayList<>();
    if (which.contains("dscnn")) {
      Path dscnn = findShared(opts.get("shared"));
      if (dscnn == null) {
        System.out.println("DS-CNN: ../shared/models/" + DSCNN + " not found (use --shared DIR); skipped");
      } else {
        models.add(new Model("DS-CNN (kws)", dscnn));
      }
    }
    if (which.contains("mlp")) {
      models.add(new Model("MLP+conv ~200MB", MlpSavedModel.ensure(work.resolve("mlp_200mb"))));
    }

    Path scratch = work.resolve("scratch");
    MlpSavedModel.deleteTree(scratch);
    Files.createDirectories(scratch);
    List<Figures> all = new ArrayList<>();
    try {
      for (Model m : models) {
        all.add(measure(m, scratch, runs, warmup, floor));
      }
    } finally {
      MlpSavedModel.deleteTree(scratch);
    }
    printTable(all);
  }

  // ------------------------------------------------------------------ measuring

  private static Figures measure(Model m, Path scratch, int runs, int warmup, boolean floor)
      throws IOException, InterruptedException {
    List<Path> files = savedModelFiles(m.dir());
    long savedModelBytes = 0;
    long weightBytes = 0;
    for (Path f : files) {
      long size = Files.size(f);
      savedModelBytes += size;
      if (f.getFileName().toString().contains(".data-")) {
        weightBytes += size;
      }
    }
    System.out.printf(Locale.ROOT, "%n== %s: %s (%s in %d files, weights %s)%n", m.name(), m.dir(),
        mb(savedModelBytes), files.size(), mb(weightBytes));
    Path out = scratch.resolve("model.tflite");
    Path copyDir = scratch.resolve("copy");

    System.out.printf("warm-up: %d conversions and copies ...%n", warmup);
    String layout = "";
    for (int i = 0; i < warmup; i++) {
      copy(m.dir(), files, copyDir, false);
      LiteRtConverter.fromSavedModel(m.dir()).convertTo(out);
      Files.delete(out);
    }

    List<Long> convert = new ArrayList<>();
    List<Long> copy = new ArrayList<>();
    List<Long> copySync = new ArrayList<>();
    long peak = 0;
    long baseline = Long.MAX_VALUE;
    long gcs = 0;
    long outputBytes = 0;
    for (int i = 0; i < runs; i++) {
      copy.add(copy(m.dir(), files, copyDir, false));
      copySync.add(copy(m.dir(), files, copyDir, true));

      quiesce();
      long before = heapUsed();
      resetPeaks();
      long gcBefore = gcCount();
      long t0 = System.nanoTime();
      ConversionReport report = LiteRtConverter.fromSavedModel(m.dir()).convertTo(out);
      long t1 = System.nanoTime();
      long runPeak = heapPeak();
      gcs = Math.max(gcs, gcCount() - gcBefore);
      convert.add(t1 - t0);
      peak = Math.max(peak, runPeak);
      baseline = Math.min(baseline, before);
      outputBytes = report.modelBytes();
      Files.delete(out);
      System.out.printf(Locale.ROOT, "run %d: convert %s (peak heap %s), copy %s, copy+fsync %s%n", i + 1,
          ms(t1 - t0), mb(runPeak), ms(copy.get(i)), ms(copySync.get(i)));
    }

    // Where the time goes: the pipeline (read, legalize, optimize) and the writer, timed apart.
    List<Long> pipeline = new ArrayList<>();
    List<Long> write = new ArrayList<>();
    ConversionSettings settings = new ConversionSettings(m.dir(), Set.of("serve"), List.of(), Map.of());
    for (int i = 0; i < runs; i++) {
      quiesce();
      long t0 = System.nanoTime();
      LiteRtModel model = SavedModelPipeline.run(settings);
      long t1 = System.nanoTime();
      TfliteWriter.Result result = new TfliteWriter().write(model, out);
      long t2 = System.nanoTime();
      pipeline.add(t1 - t0);
      write.add(t2 - t1);
      layout = result.layout().name();
      Files.delete(out);
    }
    long heapFloor = floor ? heapFloor(m, out, weightBytes) : -1;
    return new Figures(m, savedModelBytes, weightBytes, outputBytes, layout, Stats.of(convert), Stats.of(copy),
        Stats.of(copySync), Stats.of(pipeline), Stats.of(write), peak, baseline, gcs, heapFloor);
  }

  /** saved_model.pb and everything under variables/: what a plain copy of the SavedModel moves. */
  private static List<Path> savedModelFiles(Path dir) throws IOException {
    List<Path> files = new ArrayList<>();
    files.add(dir.resolve("saved_model.pb"));
    Path variables = dir.resolve("variables");
    if (Files.isDirectory(variables)) {
      try (Stream<Path> s = Files.list(variables)) {
        s.filter(Files::isRegularFile).sorted().forEach(files::add);
      }
    }
    return files;
  }

  /** Copies the files with Files.copy (optionally fsyncing each); returns the time; removes the copy after. */
  private static long copy(Path root, List<Path> files, Path target, boolean sync) throws IOException {
    MlpSavedModel.deleteTree(target);
    Files.createDirectories(target.resolve("variables"));
    long t0 = System.nanoTime();
    for (Path f : files) {
      Path dst = target.resolve(root.relativize(f).toString());
      Files.copy(f, dst);
      if (sync) {
        try (FileChannel c = FileChannel.open(dst, StandardOpenOption.WRITE)) {
          c.force(true);
        }
      }
    }
    long t1 = System.nanoTime();
    MlpSavedModel.deleteTree(target);
    return t1 - t0;
  }

  // ------------------------------------------------------------------ heap

  /**
   * The smallest {@code -Xmx} (in MiB, to within ~3%) with which a fresh JVM converts the model:
   * the heap a conversion really needs, garbage excluded. The peak above counts garbage that the
   * collector had no reason to reclaim in a large heap.
   */
  private static long heapFloor(Model m, Path out, long weightBytes) throws IOException, InterruptedException {
    long lo = 8;
    long hi = Math.max(64, 4 * (weightBytes >> 20) + 256);
    System.out.printf("heap floor: converting in fresh JVMs with smaller -Xmx (%d..%d MiB) ...%n", lo, hi);
    if (!convertsWith(m, out, hi)) {
      System.out.printf("heap floor: no conversion even with -Xmx%dm%n", hi);
      return -1;
    }
    while (hi - lo > Math.max(2, hi / 32)) {
      long mid = (lo + hi) / 2;
      if (convertsWith(m, out, mid)) {
        hi = mid;
      } else {
        lo = mid;
      }
    }
    System.out.printf("heap floor: -Xmx%dm converts, -Xmx%dm does not%n", hi, lo);
    return hi << 20;
  }

  private static boolean convertsWith(Model m, Path out, long mib) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx" + mib + "m");
    command.add("-Xss16m");
    for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (arg.matches("-XX:\\+Use\\w+GC")) {
        command.add(arg);
      }
    }
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), ConvertOnce.class.getName(),
        m.dir().toString(), out.toString()));
    Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    int rc = p.waitFor();
    Files.deleteIfExists(out);
    if (rc != 0 && rc != ConvertOnce.OUT_OF_MEMORY) {
      throw new IllegalStateException("the conversion failed in a child JVM (exit " + rc + "): " + command);
    }
    return rc == 0;
  }

  private static void quiesce() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
  }

  private static List<MemoryPoolMXBean> heapPools() {
    return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
  }

  private static void resetPeaks() {
    heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
  }

  private static long heapPeak() {
    return heapPools().stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
  }

  private static long heapUsed() {
    return heapPools().stream().mapToLong(p -> p.getUsage().getUsed()).sum();
  }

  private static long gcCount() {
    return ManagementFactory.getGarbageCollectorMXBeans().stream()
        .mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
  }

  // ------------------------------------------------------------------ output

  private static void printEnvironment(Path work, int runs, int warmup) {
    var rt = ManagementFactory.getRuntimeMXBean();
    System.out.println("litertj conversion benchmark");
    System.out.printf("JVM: %s %s; flags: %s%n", rt.getVmName(), System.getProperty("java.version"),
        String.join(" ", rt.getInputArguments()));
    System.out.printf("max heap %s; GC: %s; %d CPUs%n", mb(Runtime.getRuntime().maxMemory()),
        String.join(", ", ManagementFactory.getGarbageCollectorMXBeans().stream().map(b -> b.getName()).toList()),
        Runtime.getRuntime().availableProcessors());
    System.out.printf("work dir: %s (copies and outputs go to %s/scratch, same disk)%n", work, work);
    System.out.printf("%d warm-up and %d measured runs per model; page cache warm for both copy and conversion%n",
        warmup, runs);
  }

  private static void printTable(List<Figures> all) {
    System.out.println();
    System.out.println("=".repeat(100));
    System.out.printf("%-18s %10s %10s %9s %22s %22s %13s%n", "model", "weights", "output", "layout",
        "convert median (min)", "plain copy med (min)", "copy+fsync");
    for (Figures f : all) {
      System.out.printf(Locale.ROOT, "%-18s %10s %10s %9s %22s %22s %13s%n", f.model().name(), mb(f.weightBytes()),
          mb(f.outputBytes()), f.layout().equals("INLINE") ? "inline" : "offsets",
          ms(f.convert().median()) + " (" + ms(f.convert().min()) + ")",
          ms(f.copy().median()) + " (" + ms(f.copy().min()) + ")", ms(f.copySync().median()));
    }
    System.out.println();
    System.out.printf("%-18s %22s %22s %12s %12s %6s%n", "model", "pipeline med (read+", "writer med (incl.",
        "peak heap", "heap before", "GCs");
    System.out.printf("%-18s %22s %22s %12s %12s %6s%n", "", "legalize+optimize)", "fsync, rename)", "", "", "");
    for (Figures f : all) {
      System.out.printf(Locale.ROOT, "%-18s %22s %22s %12s %12s %6d%n", f.model().name(), ms(f.pipeline().median()),
          ms(f.write().median()), mb(f.peakHeap()), mb(f.baselineHeap()), f.gcCount());
    }
    System.out.println();
    System.out.println("targets (warm JVM): conversion <= " + TIME_TARGET + "x plain copy; peak heap <= "
        + HEAP_TARGET + "x weight bytes");
    for (Figures f : all) {
      double timeRatio = (double) f.convert().median() / f.copy().median();
      double syncRatio = (double) f.convert().median() / f.copySync().median();
      double heapRatio = (double) f.peakHeap() / f.weightBytes();
      System.out.printf(Locale.ROOT, "%-18s time: %6.2fx copy  %s   (%.2fx copy+fsync)%n", f.model().name(),
          timeRatio, verdict(timeRatio <= TIME_TARGET), syncRatio);
      System.out.printf(Locale.ROOT, "%-18s heap: %6.2fx weights %s   (peak %s incl. %s live before the run)%n", "",
          heapRatio, verdict(heapRatio <= HEAP_TARGET), mb(f.peakHeap()), mb(f.baselineHeap()));
      if (f.heapFloor() > 0) {
        double floorRatio = (double) f.heapFloor() / f.weightBytes();
        System.out.printf(Locale.ROOT, "%-18s floor:%6.2fx weights %s   (smallest -Xmx that converts: %d MiB)%n", "",
            floorRatio, verdict(floorRatio <= HEAP_TARGET), f.heapFloor() >> 20);
      }
    }
    System.out.println("(informational: a MISS does not fail the build)");
  }

  private static String verdict(boolean pass) {
    return pass ? "PASS" : "MISS";
  }

  static String mb(long bytes) {
    return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
  }

  static String ms(long nanos) {
    return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
  }

  // ------------------------------------------------------------------ set-up

  private static Map<String, String> parse(String[] args) {
    Map<String, String> out = new java.util.HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (!a.startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("usage: ConversionBenchmark [--runs N] [--warmup N] [--work DIR]"
            + " [--models dscnn,mlp] [--shared DIR]; got " + Arrays.toString(args));
      }
      out.put(a.substring(2), args[++i]);
    }
    return out;
  }

  /** benchmarks/target/bench-models, from the repository root or from the benchmarks module. */
  private static Path defaultWorkDir() {
    Path cwd = Path.of("").toAbsolutePath();
    Path module = Files.isDirectory(cwd.resolve("benchmarks")) ? cwd.resolve("benchmarks") : cwd;
    return module.resolve("target").resolve("bench-models");
  }

  /** The DS-CNN SavedModel: --shared, the litertj.shared.models property, or ../shared/models near here. */
  private static Path findShared(String explicit) {
    List<String> roots = new ArrayList<>();
    if (explicit != null) {
      roots.add(explicit);
    }
    String property = System.getProperty("litertj.shared.models");
    if (property != null && !property.isBlank()) {
      roots.add(property);
    }
    roots.addAll(List.of("../shared/models", "../../shared/models"));
    for (String r : roots) {
      Path p = Path.of(r).toAbsolutePath().normalize().resolve(DSCNN);
      if (Files.isRegularFile(p.resolve("saved_model.pb"))) {
        return p;
      }
    }
    return null;
  }
}
