package com.taskchain.orchestrator.skill;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class RotaTest {
  private final Rota rota = Rota.company();

  @Test
  void mondayAt0859_isStillTheWeekBefore() {
    Rota.Week week = rota.weekAt(Instant.parse("2026-05-18T08:59:00Z")).orElseThrow();
    assertThat(week.weekOf()).isEqualTo(LocalDate.parse("2026-05-11"));
    assertThat(week.sreIc()).isEqualTo("Keiko Sato");
    assertThat(week.teams().get("integrations").primary()).isEqualTo("Liam O'Connor");
  }

  @Test
  void mondayAt0900_isTheNewWeek() {
    Rota.Week week = rota.weekAt(Instant.parse("2026-05-18T09:00:00Z")).orElseThrow();
    assertThat(week.weekOf()).isEqualTo(LocalDate.parse("2026-05-18"));
    assertThat(week.sreIc()).isEqualTo("Marcus Bell");
    assertThat(week.dbre()).isEqualTo("Petra Novak");
    assertThat(week.teams().get("integrations").secondary()).isEqualTo("Diego Paredes");
  }

  @Test
  void sundayNight_belongsToTheWeekThatStartedOnMonday() {
    assertThat(rota.weekAt(Instant.parse("2026-05-24T23:59:00Z")).orElseThrow().weekOf())
        .isEqualTo(LocalDate.parse("2026-05-18"));
  }

  @Test
  void beyondTheRota_thereIsNoWeek() {
    assertThat(rota.weekAt(Instant.parse("2025-12-29T09:00:00Z"))).isEmpty();
    assertThat(rota.weekAt(Instant.parse("2027-03-01T09:00:00Z"))).isEmpty();
  }

  @Test
  void teamsManagersAndFixedRoles_comeFromTheRota() {
    assertThat(rota.teamOf("catalog-service")).contains("integrations");
    assertThat(rota.teamOf("settlement-engine")).contains("ledger");
    assertThat(rota.teamOf("no-such-service")).isEmpty();
    assertThat(rota.engineeringManager("identity")).contains("Jonas Brandt");
    assertThat(rota.fixedRole("head_of_sre")).contains("Tomasz Wieczorek");
    assertThat(rota.fixedRole("cto")).contains("Daniel Achterberg");
    assertThat(rota.security().name()).isEqualTo("Adaeze Nwosu");
    assertThat(rota.security().title()).isEqualTo("CISO");
    assertThat(rota.security().channel()).isEqualTo("#security-incidents");
    assertThat(rota.ledgerIntegrity())
        .extracting(Rota.SpecialPaging::name)
        .containsExactly("Henrik Solberg", "Ruth Abernathy");
  }
}
