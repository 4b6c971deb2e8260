package io.powercut.thin.check;

import java.util.Objects;

/**
 * One broken rule found by {@link MetadataChecker}.
 *
 * @param severity how bad it is
 * @param block the metadata block that breaks the rule (the superblock is block 0); for a data
 *     space-map count, the data block
 * @param rule the rule it breaks
 * @param message what was wrong, shaped "expected X, got Y" where that fits
 * @param path where the block was reached from, e.g. "superblock > mapping tree > device 3 > node
 *     17"; empty when the block stands alone
 */
public record Problem(Severity severity, long block, Rule rule, String message, String path) {
  public Problem {
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(path, "path");
  }

  /** Whether this problem breaks {@code r}. */
  public boolean is(Rule r) {
    return rule == r;
  }

  /** "block N: rule: message (at path)". */
  @Override
  public String toString() {
    return "block "
        + block
        + ": "
        + rule.id()
        + ": "
        + message
        + (path.isEmpty() ? "" : " (at " + path + ")");
  }
}
