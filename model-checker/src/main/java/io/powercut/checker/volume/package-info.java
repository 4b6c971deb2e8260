/**
 * The data-level oracle of block devices after a power cut, whatever implements them (thin volumes
 * first): {@link io.powercut.checker.volume.VolumeContentModel} holds, per volume and 512-byte
 * sector, the flushed content and every version written since; {@link
 * io.powercut.checker.volume.SectorStamp} makes written content self-identifying, so a wrong read
 * is named ({@link io.powercut.checker.volume.SectorVerdict}: a lost flushed write, a leak from
 * another volume, garbage...). It imports nothing of the checker's core, so a subject builds on it.
 */
package io.powercut.checker.volume;
