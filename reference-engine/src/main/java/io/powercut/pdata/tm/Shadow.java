package io.powercut.pdata.tm;

import io.powercut.pdata.block.Block;

/**
 * A write-locked shadow of a block. When {@code incChildren} is set the original was shared and the
 * caller must add a reference to everything the copy points at.
 */
public record Shadow(Block block, boolean incChildren) {}
