package com.taskchain.orchestrator.tool.text;

import com.taskchain.orchestrator.tool.Tool;
import java.util.List;

/**
 * The six deterministic text tools of the seed. Each is pure, deterministic, thread-safe and fast
 * (well under a millisecond on a few kilobytes); none throws {@link
 * com.taskchain.orchestrator.tool.ToolException}: every text within the size limit has an answer,
 * possibly empty.
 */
public final class TextTools {
  /**
   * The longest text the tools accept, in characters. Longer input is refused at binding time with
   * "text: must be at most ... characters", so a plan carrying a huge text fails permanently
   * instead of slowly.
   */
  public static final int MAX_TEXT_CHARS = 100_000;

  /** The tools' registry names, in catalogue order. */
  public static final List<String> NAMES =
      List.of(
          ExtractEntities.NAME,
          ExtractDeadlines.NAME,
          ExtractActionItems.NAME,
          ExtractRisks.NAME,
          ClassifyPriority.NAME,
          Summarize.NAME);

  private static final List<Tool<?, ?>> ALL =
      List.of(
          new ExtractEntities(),
          new ExtractDeadlines(),
          new ExtractActionItems(),
          new ExtractRisks(),
          new ClassifyPriority(),
          new Summarize());

  private TextTools() {}

  /** The six tools, in the order of {@link #NAMES}. The instances are stateless and shared. */
  public static List<Tool<?, ?>> all() {
    return ALL;
  }
}
