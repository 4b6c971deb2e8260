/**
 * The checker at the file level: {@link io.powercut.checker.fs.FileSubject}, an engine that keeps
 * its data in files, run over the crash-simulating file system of {@code io.powercut.fs}.
 */
package io.powercut.checker.fs;
