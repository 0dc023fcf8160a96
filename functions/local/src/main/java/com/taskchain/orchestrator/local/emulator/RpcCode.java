package com.taskchain.orchestrator.local.emulator;

/**
 * The google.rpc.Code values, with the HTTP statuses Google's REST surface uses for them. Used for
 * API error bodies, for an attempt's {@code responseStatus} and as the retry reason.
 */
enum RpcCode {
  OK(0, 200),
  CANCELLED(1, 499),
  UNKNOWN(2, 500),
  INVALID_ARGUMENT(3, 400),
  DEADLINE_EXCEEDED(4, 504),
  NOT_FOUND(5, 404),
  ALREADY_EXISTS(6, 409),
  PERMISSION_DENIED(7, 403),
  RESOURCE_EXHAUSTED(8, 429),
  FAILED_PRECONDITION(9, 400),
  ABORTED(10, 409),
  OUT_OF_RANGE(11, 400),
  UNIMPLEMENTED(12, 501),
  INTERNAL(13, 500),
  UNAVAILABLE(14, 503),
  DATA_LOSS(15, 500),
  UNAUTHENTICATED(16, 401);

  private final int number;
  private final int httpStatus;

  RpcCode(int number, int httpStatus) {
    this.number = number;
    this.httpStatus = httpStatus;
  }

  int number() {
    return number;
  }

  int httpStatus() {
    return httpStatus;
  }

  /**
   * The code Cloud Tasks records for a target's HTTP answer; the same table gax uses to map an HTTP
   * status back to a code, so what the client sees and what the emulator records agree.
   */
  static RpcCode fromHttpStatus(int status) {
    if (status >= 200 && status < 300) {
      return OK;
    }
    return switch (status) {
      case 400 -> INVALID_ARGUMENT;
      case 401 -> UNAUTHENTICATED;
      case 403 -> PERMISSION_DENIED;
      case 404 -> NOT_FOUND;
      case 409 -> ABORTED;
      case 416 -> OUT_OF_RANGE;
      case 429 -> RESOURCE_EXHAUSTED;
      case 499 -> CANCELLED;
      case 501 -> UNIMPLEMENTED;
      case 503 -> UNAVAILABLE;
      case 504 -> DEADLINE_EXCEEDED;
      default -> {
        if (status >= 400 && status < 500) {
          yield FAILED_PRECONDITION;
        }
        yield status >= 500 && status < 600 ? INTERNAL : UNKNOWN;
      }
    };
  }
}
