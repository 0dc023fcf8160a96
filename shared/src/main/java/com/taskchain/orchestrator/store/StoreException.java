package com.taskchain.orchestrator.store;

import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;

/**
 * The database failed or could not be reached. {@link #retriable()} says whether another attempt
 * may succeed (an outage, an overload, a serialization failure): callers answer 503 only then. A
 * value the database refuses ({@link #invalidValue()}) or a defect of ours is permanent.
 */
public final class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * SQLState classes that a repeat cannot fix: data exceptions, integrity violations, syntax or
   * access rule violations, unsupported features, routine and PL/pgSQL errors. Every other class
   * (connection exceptions 08, transaction rollback 40, insufficient resources 53, operator
   * intervention 57, system errors 58, a lock not available 55) is worth another attempt.
   */
  private static final Set<String> PERMANENT_CLASSES =
      Set.of("22", "23", "42", "0A", "2F", "38", "39", "P0", "44");

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }

  /** The SQLState of the first SQL exception in the cause chain, if it has one. */
  public Optional<String> sqlState() {
    for (Throwable t = getCause(); t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        return Optional.of(sql.getSQLState());
      }
    }
    return Optional.empty();
  }

  /**
   * Whether another attempt may succeed. A failure without a SQLState (a connection that could not
   * be made, a pool timeout) counts as an outage.
   */
  public boolean retriable() {
    return sqlState()
        .map(state -> state.length() < 2 || !PERMANENT_CLASSES.contains(state.substring(0, 2)))
        .orElse(true);
  }

  /**
   * Whether the database refused a value (SQLState class 22: a NUL character, a time or number out
   * of range, an invalid byte sequence): the request carried something that cannot be stored.
   */
  public boolean invalidValue() {
    return sqlState().filter(state -> state.startsWith("22")).isPresent();
  }
}
