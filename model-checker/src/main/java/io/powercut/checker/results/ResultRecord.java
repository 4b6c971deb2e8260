package io.powercut.checker.results;

/** One line of a results file; see the package documentation for the format. */
public sealed interface ResultRecord
    permits Header,
        RunStart,
        ProgressSample,
        RunEnd,
        FindingRecord,
        BugRow,
        FuzzSummary,
        FuzzFinding {}
