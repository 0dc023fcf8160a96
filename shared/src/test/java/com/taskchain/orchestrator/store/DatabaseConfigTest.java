package com.taskchain.orchestrator.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.taskchain.orchestrator.config.ConfigException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatabaseConfigTest {

  @Test
  void libpqUrl_becomesJdbcUrlWithSeparateCredentials() {
    DatabaseConfig config =
        DatabaseConfig.fromEnv(
            Map.of(
                DatabaseConfig.URL,
                "postgresql://orchestrator:s%40cret@db.local:6543/orchestrator_db?sslmode=require"));
    assertThat(config.jdbcUrl())
        .isEqualTo("jdbc:postgresql://db.local:6543/orchestrator_db?sslmode=require");
    assertThat(config.user()).isEqualTo("orchestrator");
    assertThat(config.password()).isEqualTo("s@cret");
    assertThat(config.toString()).doesNotContain("s@cret").contains("***");
  }

  @Test
  void jdbcUrl_isTakenAsIs() {
    DatabaseConfig config =
        DatabaseConfig.fromEnv(Map.of(DatabaseConfig.URL, "jdbc:postgresql://h:5432/d?user=u"));
    assertThat(config.jdbcUrl()).isEqualTo("jdbc:postgresql://h:5432/d?user=u");
  }

  @Test
  void cloudSql_carriesTheConnectorSettingsInTheUrl() {
    DatabaseConfig config =
        DatabaseConfig.fromEnv(
            Map.of(
                DatabaseConfig.CLOUDSQL_INSTANCE, "p:us-central1:i",
                DatabaseConfig.DB_NAME, "taskchain",
                DatabaseConfig.DB_IAM_USER, "stages@p.iam"));
    assertThat(config.jdbcUrl())
        .startsWith("jdbc:postgresql:///taskchain?")
        .contains("socketFactory=com.google.cloud.sql.postgres.SocketFactory")
        .contains("cloudSqlInstance=p:us-central1:i")
        .contains("enableIamAuth=true");
    assertThat(config.user()).isEqualTo("stages@p.iam");
  }

  @Test
  void missingOrMalformed_isAConfigErrorNamingTheVariable() {
    assertThatThrownBy(() -> DatabaseConfig.fromEnv(Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("ORCHESTRATOR_DATABASE_URL");
    assertThatThrownBy(() -> DatabaseConfig.fromEnv(Map.of(DatabaseConfig.URL, "mysql://x/y")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("ORCHESTRATOR_DATABASE_URL");
    assertThatThrownBy(
            () -> DatabaseConfig.fromEnv(Map.of(DatabaseConfig.URL, "postgresql://u:pw@h:5432/")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("names no database")
        .hasMessageNotContaining("pw");
    assertThatThrownBy(
            () ->
                DatabaseConfig.fromEnv(
                    Map.of(DatabaseConfig.URL, "postgresql://h/d", DatabaseConfig.POOL_SIZE, "x")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("ORCHESTRATOR_DB_POOL_SIZE");
  }
}
