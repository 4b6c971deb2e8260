package io.powercut.cli;

import java.io.IOException;

/** Something wrong with how the command was run or with its environment: exit code 2. */
final class UsageException extends IOException {
  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message);
  }
}
