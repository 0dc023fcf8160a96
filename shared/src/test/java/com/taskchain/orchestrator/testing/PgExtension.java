package com.taskchain.orchestrator.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives each test class its own {@link TestDatabase}, cloned from the migrated template before the
 * class's first test and dropped after its last. Declare a {@code TestDatabase} parameter on the
 * constructor, a {@code @BeforeAll} / {@code @BeforeEach} method or a test method; every one of
 * them in a class receives the same database.
 *
 * <pre>{@code
 * @ExtendWith(PgExtension.class)
 * class TaskStoreTest {
 *   @Test
 *   void insert_isIdempotent(TestDatabase db) { ... db.dataSource() ... }
 * }
 * }</pre>
 *
 * <p>A {@code @Nested} class is a test class of its own and gets its own database. Tests within a
 * class share theirs, so they must not depend on each other's rows.
 */
public final class PgExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(PgExtension.class);
  private static final String KEY = "database";

  @Override
  public void beforeAll(ExtensionContext context) {
    database(context);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    TestDatabase database =
        classContext(context).getStore(NAMESPACE).remove(KEY, TestDatabase.class);
    if (database != null) {
      database.close();
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == TestDatabase.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return database(context);
  }

  /**
   * The class's database, created on first request. With {@code PER_CLASS} lifecycle the
   * constructor is resolved before {@code beforeAll}, hence creation on demand rather than only in
   * {@code beforeAll}.
   */
  private static TestDatabase database(ExtensionContext context) {
    ExtensionContext owner = classContext(context);
    return owner
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(
            KEY,
            key -> PgHarness.newDatabase(owner.getRequiredTestClass().getSimpleName()),
            TestDatabase.class);
  }

  /** The nearest enclosing class-level context: the one a database belongs to. */
  private static ExtensionContext classContext(ExtensionContext context) {
    ExtensionContext current = context;
    while (current.getTestMethod().isPresent()) {
      current = current.getParent().orElseThrow();
    }
    return current;
  }
}
