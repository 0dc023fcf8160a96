package com.taskchain.orchestrator.tool.text;

import com.taskchain.orchestrator.tool.Tool;
import com.taskchain.orchestrator.tool.ToolException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;

/**
 * Prints each text tool's CPU time per call on a few kilobytes of text. Not a test (timing goals
 * live in printed figures, not in assertions): run {@link #main} by hand, e.g. {@code java -cp
 * target/classes:target/test-classes:<deps>
 * com.taskchain.orchestrator.tool.text.TextToolsBenchmark}.
 */
public final class TextToolsBenchmark {
  private static final int WARMUP = 2_000;
  private static final int BATCHES = 20;
  private static final int BATCH_SIZE = 100;

  private TextToolsBenchmark() {}

  public static void main(String[] args) throws ToolException {
    String text = (SampleTexts.INCIDENT + SampleTexts.SEED_TASK + "\n").repeat(8);
    System.out.printf("text: %,d characters%n", text.length());
    List<Record> inputs =
        List.of(
            new ExtractEntities.Input(text),
            new ExtractDeadlines.Input(text, "2026-03-04"),
            new ExtractActionItems.Input(text, 50),
            new ExtractRisks.Input(text),
            new ClassifyPriority.Input(text),
            new Summarize.Input(text, 60));
    List<Tool<?, ?>> tools = TextTools.all();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    for (int i = 0; i < tools.size(); i++) {
      for (int run = 0; run < WARMUP; run++) {
        call(tools.get(i), inputs.get(i));
      }
      // Thread CPU time per batch, so that other processes competing for the cores (parallel
      // builds) do not inflate the figure the way wall time does.
      long[] cpuNanosPerCall = new long[BATCHES];
      for (int batch = 0; batch < BATCHES; batch++) {
        long start = threads.getCurrentThreadCpuTime();
        for (int run = 0; run < BATCH_SIZE; run++) {
          call(tools.get(i), inputs.get(i));
        }
        cpuNanosPerCall[batch] = (threads.getCurrentThreadCpuTime() - start) / BATCH_SIZE;
      }
      Arrays.sort(cpuNanosPerCall);
      System.out.printf(
          "%-22s CPU per call: median batch %7.1f µs, worst batch %7.1f µs%n",
          tools.get(i).name(),
          cpuNanosPerCall[BATCHES / 2] / 1e3,
          cpuNanosPerCall[BATCHES - 1] / 1e3);
    }
  }

  @SuppressWarnings("unchecked") // each input above is its tool's own input type
  private static Record call(Tool<?, ?> tool, Record input) throws ToolException {
    return ((Tool<Record, Record>) tool).call(input);
  }
}
