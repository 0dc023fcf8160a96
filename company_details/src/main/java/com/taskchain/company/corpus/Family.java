package com.taskchain.company.corpus;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * One recurring kind of problem (or piece of routine work) of one service: the phrasings its
 * tickets and incident records are written from. Placeholders such as {@code {region}} are filled
 * per document by {@link Slots}.
 *
 * @param name short id, for tests and debugging
 * @param service the service id the documents are about
 * @param project the Jira project its tickets are filed in
 * @param since first day a document of this family may be dated (services that did not exist
 *     before)
 * @param weight relative frequency within its project
 * @param incidentWeight relative frequency among incident records; 0 means it never becomes an
 *     incident
 * @param severities weights of P1, P2, P3 (and, for tickets, a fourth weight for Low priority)
 * @param issueTypes Jira issue types its tickets use
 * @param titles title phrasings
 * @param symptoms what was seen
 * @param causes why it happened
 * @param fixes what was done or is proposed
 */
record Family(
    String name,
    String service,
    String project,
    LocalDate since,
    int weight,
    int incidentWeight,
    List<Integer> severities,
    List<String> issueTypes,
    List<String> titles,
    List<String> symptoms,
    List<String> causes,
    List<String> fixes) {
  Family {
    Objects.requireNonNull(name);
    severities = List.copyOf(severities);
    issueTypes = List.copyOf(issueTypes);
    titles = List.copyOf(titles);
    symptoms = List.copyOf(symptoms);
    causes = List.copyOf(causes);
    fixes = List.copyOf(fixes);
    if (severities.size() != 4
        || titles.isEmpty()
        || symptoms.isEmpty()
        || causes.isEmpty()
        || fixes.isEmpty()) {
      throw new IllegalArgumentException("family " + name + " is incomplete");
    }
  }
}
