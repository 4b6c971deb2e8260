package io.powercut.checker.results;

/**
 * One row of the seeded-bug detection table: a campaign with one bug switched on, stopped at its
 * first violation.
 *
 * @param run the run id
 * @param bug the bug's id ({@code Bug.id()})
 * @param description what the bug does
 * @param detected whether the campaign found a violation
 * @param detectionMillis time to the first violation, before shrinking (if not detected: the time
 *     spent looking)
 * @param statesToDetection crash states judged up to the first violation (if not detected: all)
 * @param workloadsToDetection workloads run up to the first violation (if not detected: all)
 * @param shrunkOps operations in the shrunk reproducer, or -1 if none
 * @param reproduce the command that replays the reproducer, or null if none
 */
public record BugRow(
    String run,
    String bug,
    String description,
    boolean detected,
    long detectionMillis,
    long statesToDetection,
    long workloadsToDetection,
    int shrunkOps,
    String reproduce)
    implements ResultRecord {}
