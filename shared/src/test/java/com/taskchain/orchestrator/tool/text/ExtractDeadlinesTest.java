package com.taskchain.orchestrator.tool.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.taskchain.orchestrator.tool.text.ExtractDeadlines.Deadline;
import java.time.DayOfWeek;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExtractDeadlinesTest {
  /** A Wednesday; the expected dates below are counted from it by hand. */
  private static final String WEDNESDAY = "2026-03-04";

  private final ExtractDeadlines tool = new ExtractDeadlines();

  @BeforeAll
  static void referenceIsAWednesday() {
    assertThat(LocalDate.parse(WEDNESDAY).getDayOfWeek()).isEqualTo(DayOfWeek.WEDNESDAY);
  }

  private ExtractDeadlines.Output extract(String text, String reference) {
    return tool.call(new ExtractDeadlines.Input(text, reference));
  }

  @ParameterizedTest(name = "{0} -> {2}")
  @CsvSource({
    "'Ship it by Friday.', by Friday, 2026-03-06",
    "'Ship it by next Friday.', by next Friday, 2026-03-13",
    "'Send the deck by end of week.', by end of week, 2026-03-06",
    "'Send the deck EOW.', EOW, 2026-03-06",
    "'Reply by EOD please.', by EOD, 2026-03-04",
    "'Finish it tomorrow.', tomorrow, 2026-03-05",
    "'Plan the cutover for next week.', next week, 2026-03-13",
    "'Close the books by end of month.', by end of month, 2026-03-31",
    "'The launch is planned for Q3.', Q3, 2026-09-30",
    "'Notify customers within 48 hours.', within 48 hours, 2026-03-06",
    "'Fix it in 3 business days.', in 3 business days, 2026-03-09",
    "'Migrate in two weeks.', in two weeks, 2026-03-18",
    "'Due 2026-04-01 at the latest.', 2026-04-01, 2026-04-01",
    "'Go live on March 5.', March 5, 2026-03-05",
    "'Go live on 5 March 2027.', 5 March 2027, 2027-03-05",
    "'Renew by the 15th.', by the 15th, 2026-03-15",
  })
  void phrase_resolvesAgainstTheReferenceDate(String text, String phrase, String date) {
    ExtractDeadlines.Output output = extract(text, WEDNESDAY);

    assertThat(output.deadlines())
        .extracting(Deadline::text, Deadline::date)
        .containsExactly(tuple(phrase, date));
  }

  @Test
  void monthDayAlreadyPast_resolvesToNextYear() {
    ExtractDeadlines.Output output = extract("Renew the licence on March 1.", WEDNESDAY);

    assertThat(output.deadlines()).extracting(Deadline::date).containsExactly("2027-03-01");
  }

  @Test
  void relativePhrase_withoutReferenceDate_isFoundWithNullDate() {
    ExtractDeadlines.Output output = extract("Ship it by Friday, 2026-03-20 at the latest.", null);

    assertThat(output.deadlines())
        .extracting(Deadline::text, Deadline::date)
        .containsExactly(tuple("by Friday", null), tuple("2026-03-20", "2026-03-20"));
  }

  @Test
  void eachDeadline_carriesItsSentence() {
    ExtractDeadlines.Output output = extract(SampleTexts.INCIDENT, WEDNESDAY);

    assertThat(output.deadlines())
        .extracting(Deadline::text, Deadline::sentence)
        .containsExactly(
            tuple(
                "within 48 hours",
                "We must notify Acme Corp within 48 hours, and the rollback may delay the March 5"
                    + " launch."),
            tuple(
                "March 5",
                "We must notify Acme Corp within 48 hours, and the rollback may delay the March 5"
                    + " launch."),
            tuple("by EOD", "@sam please update the status page by EOD."));
  }

  @Test
  void impossibleDate_isNotADeadline() {
    assertThat(extract("Due 2026-02-30.", WEDNESDAY).deadlines()).isEmpty();
  }

  @Test
  void dayNameWithoutCue_isNotADeadline() {
    assertThat(extract("On Friday we met the vendor.", WEDNESDAY).deadlines()).isEmpty();
  }

  @Test
  void samePhraseTwice_isListedOnce() {
    ExtractDeadlines.Output output = extract("Draft by Friday. Review by friday.", WEDNESDAY);

    assertThat(output.deadlines()).extracting(Deadline::text).containsExactly("by Friday");
  }

  @Test
  void textWithoutTimes_hasNoDeadlines() {
    assertThat(extract(SampleTexts.SEED_TASK, WEDNESDAY).deadlines()).isEmpty();
    assertThat(extract(" ", null).deadlines()).isEmpty();
  }
}
