package com.taskchain.company;

/** A query parameter that cannot be served; answered as 400 naming {@link #parameter()}. */
final class BadParameterException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String parameter;

  BadParameterException(String parameter, String message) {
    super(message);
    this.parameter = parameter;
  }

  String parameter() {
    return parameter;
  }
}
