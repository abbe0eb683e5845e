package io.litertj.fuzz;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Runs fuzz cases in child JVMs as a user's process would run the converter: a small heap
 * ({@code -Xmx512m}) and a watchdog per case. A worker that dies or stops answering is replaced,
 * and the case it was on is recorded as a crash or a hang; the campaign goes on with the next.
 */
final class FuzzCampaign {

  static final String HEAP = "-Xmx512m";
  static final long WATCHDOG_SECONDS = 30;
  private static final String EOF = "\u0000eof";

  /** A case that is not acceptable, for the report. */
  record Finding(FuzzTarget target, int id, Outcome outcome, String detail) {}

  /** The tally of one target. */
  static final class Tally {
    final Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
    final List<Finding> findings = new ArrayList<>();
    /** Every case as "id, outcome, what it said", for reading what the damage reached. */
    final List<String> lines = new ArrayList<>();
    int cases;
    /** Wall time of the target's cases, JVM starts included. */
    double seconds;
    /** The outcomes of the pristine seeds' cases, by id. */
    final Map<Integer, Outcome> pristine = new java.util.TreeMap<>();
    private final int pristineCases;

    Tally(int pristineCases) {
      this.pristineCases = pristineCases;
    }

    void add(FuzzTarget target, int id, Outcome outcome, String detail) {
      cases++;
      counts.merge(outcome, 1, Integer::sum);
      lines.add(id + "\t" + outcome + "\t" + detail.replaceAll("\\p{Cntrl}", "?"));
      if (id < pristineCases) {
        pristine.put(id, outcome);
      }
      if (!outcome.acceptable()) {
        findings.add(new Finding(target, id, outcome, detail));
      }
    }

    int count(Outcome o) {
      return counts.getOrDefault(o, 0);
    }
  }

  private final Path work;
  private final Path sharedModels;

  FuzzCampaign(Path work, Path sharedModels) {
    this.work = work;
    this.sharedModels = sharedModels;
  }

  /** Runs cases {@code 0..cases-1} of {@code target}. */
  Tally run(FuzzTarget target, int cases) throws IOException, InterruptedException {
    Tally tally = new Tally(target.pristine());
    long start = System.nanoTime();
    int next = 0;
    int workers = 0;
    while (next < cases) {
      Path dir = work.resolve(target.name().toLowerCase());
      Path tmp = dir.resolve("tmp-" + workers);
      Files.createDirectories(tmp);
      Path log = dir.resolve("worker-" + workers++ + ".log");
      Process p = new ProcessBuilder(command(target, next, cases - 1, dir, tmp))
          .redirectErrorStream(false)
          .redirectError(log.toFile())
          .start();
      BlockingQueue<String> lines = new LinkedBlockingQueue<>();
      Thread reader = new Thread(() -> {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
          for (String line; (line = in.readLine()) != null; ) {
            lines.add(line);
          }
        } catch (IOException e) {
          // the worker died; EOF below tells the campaign
        }
        lines.add(EOF);
      });
      reader.setDaemon(true);
      reader.start();
      int current = -1;
      while (true) {
        String line = lines.poll(WATCHDOG_SECONDS, TimeUnit.SECONDS);
        if (line == null) {
          p.destroyForcibly().waitFor();
          tally.add(target, current < 0 ? next : current, Outcome.HANG, "no answer in " + WATCHDOG_SECONDS + " s");
          next = (current < 0 ? next : current) + 1;
          break;
        }
        if (line.equals(EOF)) {
          int status = p.waitFor();
          if (current >= 0) { // died inside a case
            boolean oom = status == FuzzWorker.EXIT_AFTER_OOM;
            if (!oom) {
              tally.add(target, current, Outcome.CRASH, "exit status " + status + crashLog(dir, log));
            }
            next = current + 1;
          } else if (next < cases && status != 0) {
            throw new IllegalStateException("the fuzz worker failed to start (exit " + status + "); see " + log);
          }
          break;
        }
        if (!line.startsWith(FuzzWorker.PREFIX)) {
          continue;
        }
        String[] parts = line.substring(FuzzWorker.PREFIX.length()).split(" ", 4);
        int id = Integer.parseInt(parts[1]);
        if (parts[0].equals("START")) {
          current = id;
        } else {
          tally.add(target, id, Outcome.valueOf(parts[2]), parts.length > 3 ? parts[3] : "");
          current = -1;
          next = id + 1;
        }
      }
    }
    tally.seconds = (System.nanoTime() - start) / 1e9;
    return tally;
  }

  private List<String> command(FuzzTarget target, int first, int last, Path dir, Path tmp) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return List.of(java, HEAP, "-Xss8m", "-XX:ErrorFile=" + dir.resolve("hs_err_%p.log"),
        "-Djava.io.tmpdir=" + tmp, "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
        "-Djava.util.logging.config.file=/dev/null",
        "-cp", System.getProperty("java.class.path"), FuzzWorker.class.getName(),
        target.name(), String.valueOf(first), String.valueOf(last), dir.toString(), sharedModels.toString());
  }

  /** The first line of the JVM's crash report, if it wrote one. */
  private static String crashLog(Path dir, Path log) throws IOException {
    try (var files = Files.list(dir)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        if (p.getFileName().toString().startsWith("hs_err_")) {
          List<String> lines = Files.readAllLines(p, StandardCharsets.ISO_8859_1);
          String signal = lines.stream().filter(l -> l.contains("SIG") || l.contains("Problematic frame")).findFirst()
              .orElse(lines.isEmpty() ? "" : lines.get(0));
          String frame = lines.stream().filter(l -> l.startsWith("# C ") || l.startsWith("# j ")).findFirst()
              .orElse("");
          Files.move(p, dir.resolve("crash-" + p.getFileName()));
          return ": " + signal + " " + frame;
        }
      }
    }
    List<String> tail = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
    return tail.isEmpty() ? "" : ": " + tail.get(tail.size() - 1);
  }
}
