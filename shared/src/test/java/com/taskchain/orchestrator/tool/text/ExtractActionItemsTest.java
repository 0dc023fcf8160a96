package com.taskchain.orchestrator.tool.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.taskchain.orchestrator.tool.text.ExtractActionItems.ActionItem;
import org.junit.jupiter.api.Test;

class ExtractActionItemsTest {
  private final ExtractActionItems tool = new ExtractActionItems();

  private ExtractActionItems.Output extract(String text) {
    return tool.call(new ExtractActionItems.Input(text));
  }

  @Test
  void seedTask_isOneImperativeItem_withoutOwnerOrDue() {
    ExtractActionItems.Output output = extract(SampleTexts.SEED_TASK);

    assertThat(output.actionItems())
        .extracting(ActionItem::text, ActionItem::owner, ActionItem::due)
        .containsExactly(
            tuple(
                "Prepare an executive update for Atlas Checkout migration and include risks",
                null,
                null));
  }

  @Test
  void incident_findsOwnersFromNamesAndMentions_andDuePhrases() {
    ExtractActionItems.Output output = extract(SampleTexts.INCIDENT);

    assertThat(output.actionItems())
        .extracting(ActionItem::text, ActionItem::owner, ActionItem::due)
        .contains(
            tuple("Jane Doe to roll back by 11:00", "Jane Doe", null),
            tuple("@sam please update the status page by EOD", "sam", "by EOD"));
    assertThat(output.actionItems())
        .filteredOn(item -> item.text().startsWith("We must notify"))
        .extracting(ActionItem::due)
        .containsExactly("within 48 hours");
  }

  @Test
  void markers_areDropped_andOwnerLabelsRead() {
    ExtractActionItems.Output output =
        extract("TODO: file the postmortem\nAction: rotate the API keys (owner: Priya)");

    assertThat(output.actionItems())
        .extracting(ActionItem::text, ActionItem::owner)
        .containsExactly(
            tuple("file the postmortem", null),
            tuple("rotate the API keys (owner: Priya)", "Priya"));
  }

  @Test
  void questionsAndStatements_areNotActionItems() {
    ExtractActionItems.Output output =
        extract("Can we ship on Friday? The dashboard looks green. This should be fine.");

    assertThat(output.actionItems()).isEmpty();
  }

  @Test
  void obligation_makesAnItem_evenWithoutAnImperative() {
    ExtractActionItems.Output output = extract("The vendor contract needs to be signed by Friday.");

    assertThat(output.actionItems())
        .extracting(ActionItem::text, ActionItem::due)
        .containsExactly(tuple("The vendor contract needs to be signed by Friday", "by Friday"));
  }

  @Test
  void maxItems_capsTheList_keepingTheFirst() {
    String text = "Draft the plan. Review the plan. Send the plan. Publish the plan.";

    ExtractActionItems.Output output = tool.call(new ExtractActionItems.Input(text, 2));

    assertThat(output.actionItems())
        .extracting(ActionItem::text)
        .containsExactly("Draft the plan", "Review the plan");
  }

  @Test
  void defaultMaxItems_isTen() {
    assertThat(new ExtractActionItems.Input("x").maxItems())
        .isEqualTo(ExtractActionItems.DEFAULT_MAX_ITEMS)
        .isEqualTo(10);
  }

  @Test
  void repeatedItem_isListedOnce() {
    ExtractActionItems.Output output = extract("Send the deck.\nsend the deck!");

    assertThat(output.actionItems()).extracting(ActionItem::text).containsExactly("Send the deck");
  }

  @Test
  void textThatAsksNothing_hasNoItems_noneAreInvented() {
    assertThat(extract(SampleTexts.SMALL_TALK).actionItems()).isEmpty();
    assertThat(extract("").actionItems()).isEmpty();
  }
}
