/**
 * Block devices and a device that can lose power.
 *
 * <p><b>The crash model.</b> A {@link io.powercut.device.FaultyDevice} has a volatile write cache.
 * A write is durable once a later flush completes; a FUA write is durable when it completes (and
 * makes earlier cached versions of its block unreachable). Every completed IO is recorded in an
 * {@link io.powercut.device.IoLog}. A power loss at log position {@code p} leaves the durable image
 * at {@code p} (the initial image plus every write before the last flush, plus every FUA write)
 * with some of the still-cached writes applied over it:
 *
 * <ul>
 *   <li><b>drop</b>: any subset of the cached writes survives, in any combination, so a later write
 *       can survive while an earlier one is lost (reordering);
 *   <li><b>versions</b>: a block written several times since the last flush ends up with any one of
 *       those versions, or its durable content;
 *   <li><b>torn</b>: a surviving write may land only in some of its 512-byte sectors, the others
 *       keeping the old data of that block;
 *   <li><b>misdirected</b>: a surviving write may land on another block, its own block keeping the
 *       old data;
 *   <li><b>bit rot</b>: bits of any block of the resulting image may be flipped.
 * </ul>
 *
 * Nothing flushed or written with FUA is ever lost except by bit rot, and no image holds data that
 * was never written. Separately, {@link io.powercut.device.IoFaults} makes chosen reads, writes or
 * flushes fail with an {@link io.powercut.device.InjectedIoException}, up to failing every write
 * from a given one on (a dying disk); a failed operation has no effect.
 *
 * <p>A {@link io.powercut.device.CrashState} names one outcome and prints as a short token that
 * replays it; a {@link io.powercut.device.CrashStateEnumerator} lists every distinct outcome at a
 * position (exhaustively up to a bound on cached writes, sampled beyond it); a {@link
 * io.powercut.device.CrashImage} is that outcome as a readable device, an overlay on the durable
 * base that never copies the device. All randomness comes from seeds the caller passes in.
 */
package io.powercut.device;
