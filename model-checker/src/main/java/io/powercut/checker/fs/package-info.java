/**
 * The checker at the file level: a {@link io.powercut.checker.fs.FileSubject}, an engine that keeps
 * its data in files, run over the crash-simulating file system of {@code io.powercut.fs} and
 * checked as a block {@link io.powercut.checker.Subject} is. {@link
 * io.powercut.checker.fs.FileExplorer} runs a campaign under one {@link
 * io.powercut.fs.PersistenceMode}: each workload a {@link io.powercut.checker.fs.FileTrace}, every
 * crash position searched by {@link io.powercut.checker.fs.FileCrashSearch}, the first {@link
 * io.powercut.checker.fs.FileFinding} shrunk by {@link io.powercut.checker.fs.FileFindingShrinker}
 * and saved as a {@link io.powercut.checker.fs.FileReproducer}, which {@link
 * io.powercut.checker.fs.FileReplay} re-runs. Models, outcomes, recoveries, judgements, counters,
 * workload sources, options and the campaign schedule are the block level's.
 */
package io.powercut.checker.fs;
