/**
 * The data-path subject: dm-thin thin volumes over a metadata and a data device, each crash state
 * of both judged per 512-byte sector by the block-device contract of {@code checker.volume}.
 */
package io.powercut.checker.thinvolume;
