package com.taskchain.orchestrator.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JdbcUrlTest {
  @Test
  void withDatabase_keepsHostsAndParameters() {
    JdbcUrl url = JdbcUrl.parse("jdbc:postgresql://db1:5432,db2:5433/app?sslmode=disable&x=a%26b");

    assertThat(url.withDatabase("t_clone").toString())
        .isEqualTo("jdbc:postgresql://db1:5432,db2:5433/t_clone?sslmode=disable&x=a%26b");
  }

  @Test
  void credentials_areReadAndCanBeStripped() {
    JdbcUrl url = JdbcUrl.parse("jdbc:postgresql://127.0.0.1/app?user=u&password=p%40ss&ssl=false");

    assertThat(url.parameter("password")).hasValue("p@ss");
    assertThat(url.withoutParameters("user", "password").toString())
        .isEqualTo("jdbc:postgresql://127.0.0.1/app?ssl=false");
  }

  @Test
  void missingDatabase_isEmpty() {
    assertThat(JdbcUrl.parse("jdbc:postgresql://127.0.0.1:5432").database()).isEmpty();
  }

  @Test
  void otherForms_areRefused() {
    assertThatThrownBy(() -> JdbcUrl.parse("jdbc:mysql://127.0.0.1/app"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
