package com.taskchain.orchestrator.tool.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.taskchain.orchestrator.tool.text.ExtractEntities.Entity;
import com.taskchain.orchestrator.tool.text.ExtractEntities.EntityType;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExtractEntitiesTest {
  private final ExtractEntities tool = new ExtractEntities();

  private ExtractEntities.Output extract(String text) {
    return tool.call(new ExtractEntities.Input(text));
  }

  @Test
  void seedTask_findsAtlasCheckoutAsProject_butNotTheOpeningVerb() {
    ExtractEntities.Output output = extract(SampleTexts.SEED_TASK);

    assertThat(output.entities())
        .extracting(Entity::text, Entity::type)
        .contains(tuple("Atlas Checkout", EntityType.PROJECT));
    assertThat(output.entities()).extracting(Entity::text).doesNotContain("Prepare");
  }

  @Test
  void incident_typesEachKindOfEntity_inOrderOfAppearance() {
    ExtractEntities.Output output = extract(SampleTexts.INCIDENT);

    assertThat(output.entities())
        .extracting(Entity::text, Entity::type)
        .containsSubsequence(
            tuple("payments-api", EntityType.SERVICE),
            tuple("35%", EntityType.PERCENTAGE),
            tuple("Checkout Service", EntityType.SERVICE),
            tuple("Jane Doe", EntityType.PERSON),
            tuple("PAY-1423", EntityType.TICKET),
            tuple("https://status.example.com/incidents/77", EntityType.URL),
            tuple("Acme Corp", EntityType.ORGANIZATION),
            tuple("March 5", EntityType.DATE),
            tuple("sam", EntityType.PERSON),
            tuple("$250k", EntityType.MONEY));
  }

  @Test
  void markersAndSentenceOpeners_areNotEntities() {
    ExtractEntities.Output output = extract(SampleTexts.INCIDENT);

    assertThat(output.entities())
        .extracting(Entity::text)
        .doesNotContain("SEV1", "UTC", "EOD", "Error", "Budget", "We");
  }

  @Test
  void emailAddress_isOneEntity_notAUrlOrName() {
    ExtractEntities.Output output = extract("Escalate to oncall@example.com now.");

    assertThat(output.entities())
        .extracting(Entity::text, Entity::type)
        .containsExactly(tuple("oncall@example.com", EntityType.EMAIL));
  }

  @Test
  void repeatedEntity_isListedOnce_caseInsensitively() {
    ExtractEntities.Output output =
        extract("Mail jane@example.com today. Then mail JANE@example.com again about PAY-7.");

    assertThat(output.entities())
        .extracting(Entity::text)
        .containsExactly("jane@example.com", "PAY-7");
    assertThat(output.count()).isEqualTo(2);
  }

  @Test
  void contextLabels_typeTheirValues() {
    ExtractEntities.Output output =
        extract("owner: Priya Raman\nteam: Payments\nservice: Ledger\nproject: Atlas");

    assertThat(output.entities())
        .extracting(Entity::text, Entity::type)
        .containsExactly(
            tuple("Priya Raman", EntityType.PERSON),
            tuple("Payments", EntityType.ORGANIZATION),
            tuple("Ledger", EntityType.SERVICE),
            tuple("Atlas", EntityType.PROJECT));
  }

  @Test
  void people_areRecognisedByHonorific_role_orAssignment() {
    ExtractEntities.Output output =
        extract("Book time with Dr. Lena Ortiz. Ask Omar Haddad, CTO, too. Mia Chen to review.");

    assertThat(output.entities())
        .extracting(Entity::text, Entity::type)
        .contains(
            tuple("Lena Ortiz", EntityType.PERSON),
            tuple("Omar Haddad", EntityType.PERSON),
            tuple("Mia Chen", EntityType.PERSON));
  }

  @Test
  void ticketAfterACapitalisedWord_isNotSwallowedIntoAName() {
    ExtractEntities.Output output = extract("See PAY-1423 for details.");

    assertThat(output.entities())
        .extracting(Entity::text, Entity::type)
        .containsExactly(tuple("PAY-1423", EntityType.TICKET));
  }

  @Test
  void textWithoutNames_hasNoEntities() {
    assertThat(extract(SampleTexts.SMALL_TALK).entities()).isEmpty();
    assertThat(extract("   \n ").entities()).isEmpty();
    assertThat(extract("").count()).isZero();
  }

  @Test
  void output_refusesACountThatDisagreesWithTheEntities() {
    List<Entity> one = List.of(new Entity("Atlas", EntityType.PROJECT));

    assertThatThrownBy(() -> new ExtractEntities.Output(one, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("count: ");
  }
}
