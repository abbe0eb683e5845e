package io.litertj.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.litertj.testing.SharedModels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Damaged inputs of every format, through the public API in child JVMs at -Xmx512m with a
 * watchdog: each must convert or end in an input error in the user's terms. Never an internal
 * error, an escaped exception, an exception class in a message, an OutOfMemoryError, a hang, a
 * crash or a file left behind. The default run has a few dozen cases per format; {@code -Pfuzz}
 * runs thousands ({@code -Dlitertj.fuzz.cases=N}). The table lands in
 * {@code target/fuzz/report.md}; a case reruns by hand with {@link FuzzWorker}'s arguments.
 */
class HostileInputFuzzTest {

  static final int DEFAULT_CASES = 40;

  @Test
  void everyFormatFailsCleanlyOnDamagedInput() throws Exception {
    campaign(Integer.getInteger("litertj.fuzz.quickCases", DEFAULT_CASES));
  }

  @Test
  @Tag("fuzz")
  void fullCampaign() throws Exception {
    campaign(Integer.getInteger("litertj.fuzz.cases", 3000));
  }

  private static void campaign(int cases) throws IOException, InterruptedException {
    Path shared = SharedModels.require();
    Path work = Path.of("target", "fuzz").toAbsolutePath();
    FuzzWorker.deleteTree(work);
    Files.createDirectories(work);
    FuzzCampaign campaign = new FuzzCampaign(work, shared);
    Map<FuzzTarget, FuzzCampaign.Tally> tallies = new LinkedHashMap<>();
    String only = System.getProperty("litertj.fuzz.target", "").toUpperCase(java.util.Locale.ROOT);
    List<String> chosen = only.isBlank() ? List.of() : List.of(only.split(","));
    long start = System.nanoTime();
    for (FuzzTarget target : FuzzTarget.values()) {
      if (chosen.isEmpty() || chosen.contains(target.name())) {
        tallies.put(target, campaign.run(target, cases));
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    for (Map.Entry<FuzzTarget, FuzzCampaign.Tally> e : tallies.entrySet()) {
      Files.write(work.resolve(e.getKey().name().toLowerCase() + ".tsv"), e.getValue().lines, StandardCharsets.UTF_8);
    }
    String report = report(tallies, seconds);
    Files.writeString(work.resolve("report.md"), report, StandardCharsets.UTF_8);
    System.out.println(report);
    List<FuzzCampaign.Finding> findings = new ArrayList<>();
    tallies.values().forEach(t -> findings.addAll(t.findings));
    tallies.forEach((target, t) -> t.pristine.forEach((id, outcome) -> assertEquals(Outcome.CONVERTED, outcome,
        target + ": the pristine seed of case " + id + " must convert, or the campaign tests nothing")));
    StringBuilder text = new StringBuilder();
    findings.stream().limit(40).forEach(f -> text.append('\n').append(f.target()).append(' ').append(f.id())
        .append(' ').append(f.outcome()).append(": ").append(f.detail()));
    assertTrue(findings.isEmpty(), findings.size() + " unacceptable outcomes (worker logs in " + work + "):" + text);
  }

  /** The table per format, with each format's wall time and throughput, then the totals. */
  static String report(Map<FuzzTarget, FuzzCampaign.Tally> tallies, double seconds) {
    StringBuilder s = new StringBuilder("| format | cases | converted | clean errors | internal errors | escapes |"
        + " class names in messages | OOM | hangs | crashes | leftovers | wall time | cases/s |\n"
        + "|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    tallies.forEach((target, t) -> s.append("| ").append(target.name().toLowerCase()).append(" | ").append(t.cases)
        .append(" | ").append(t.count(Outcome.CONVERTED)).append(" | ").append(t.count(Outcome.CLEAN))
        .append(" | ").append(t.count(Outcome.INTERNAL)).append(" | ").append(t.count(Outcome.ESCAPE))
        .append(" | ").append(t.count(Outcome.LEAKY)).append(" | ").append(t.count(Outcome.OOM))
        .append(" | ").append(t.count(Outcome.HANG)).append(" | ").append(t.count(Outcome.CRASH))
        .append(" | ").append(t.count(Outcome.LEFTOVER))
        .append(" | ").append(String.format(Locale.ROOT, "%.0f s", t.seconds))
        .append(" | ").append(String.format(Locale.ROOT, "%.1f", t.cases / Math.max(t.seconds, 1e-9))).append(" |\n"));
    int total = tallies.values().stream().mapToInt(t -> t.cases).sum();
    s.append(String.format(Locale.ROOT, "%nThroughput: %d cases in %.0f s wall time (%.1f min), %.1f cases/s, "
        + "one child JVM at a time (-Xmx512m, %d s watchdog per case).%n", total, seconds, seconds / 60,
        total / Math.max(seconds, 1e-9), FuzzCampaign.WATCHDOG_SECONDS));
    return s.toString();
  }
}
