package io.powercut.checker;

import java.util.List;

/**
 * A violation: the workload that led to it, where it struck, and what was wrong.
 *
 * @param kind "live" (an outcome the model rejects, no crash needed) or "crash"
 * @param ops the operations as codec text
 * @param position the crash position in the IO log, or -1 for a live violation
 * @param crashState the crash state token, or "" for a live violation
 * @param fault the fault class of the crash state
 * @param message what was wrong
 */
public record Finding(
    String kind,
    List<String> ops,
    int position,
    String crashState,
    FaultClass fault,
    String message) {
  public static final String LIVE = "live";
  public static final String CRASH = "crash";
}
