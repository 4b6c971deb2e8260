/**
 * A file system that can lose power: the file-level sibling of {@code io.powercut.device}.
 *
 * <p>A {@link io.powercut.fs.CrashFileSystem} is a {@code java.nio.file} file system whose live
 * view is Jimfs and whose every mutation, force and directory sync is recorded in a {@link
 * io.powercut.fs.FileOpLog} (files named by inode, as on Linux). A {@link
 * io.powercut.fs.FsCrashPoint} is a power loss at a log position under a {@link
 * io.powercut.fs.PersistenceMode} (POSIX, or ext4 data=ordered), whose javadoc states every rule;
 * an {@link io.powercut.fs.FsCrashStateEnumerator} lists its distinct outcomes, each a {@link
 * io.powercut.fs.FsCrashState} with a replayable token, and {@link
 * io.powercut.fs.FsCrashPoint#materialize} gives a fresh file system holding one of them, on which
 * an engine reopens. All randomness comes from seeds the caller passes in.
 */
package io.powercut.fs;
