package com.taskchain.orchestrator.skill;

import com.taskchain.orchestrator.answer.ComposeAnswer;
import com.taskchain.orchestrator.tool.Tool;
import com.taskchain.orchestrator.tool.company.CompanySystemsConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * The skills and the answer composer, as registered tools. Making them is cheap: company files are
 * read and systems called only when a skill runs.
 */
public final class SkillTools {
  private SkillTools() {}

  /**
   * Every skill, then {@code compose_answer}.
   *
   * @param systems where Jira, metrics and logs answer, for skills that query them
   */
  public static List<Tool<?, ?>> all(CompanySystemsConfig systems) {
    List<Tool<?, ?>> tools = new ArrayList<>();
    tools.add(new AssessSeverity());
    tools.add(new EvaluateRollback());
    tools.add(new SummarizeStatus());
    tools.add(new CountIncidents());
    tools.add(new ResolveEscalation());
    tools.add(new CheckChange());
    tools.add(new AuditCheck());
    tools.add(new ComposeAnswer());
    return List.copyOf(tools);
  }
}
