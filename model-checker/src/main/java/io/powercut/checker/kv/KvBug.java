package io.powercut.checker.kv;

import io.powercut.pdata.SeededBug;

/** The store's seeded bug: the classic write-ahead-log ordering mistake. */
public enum KvBug implements SeededBug {
  HEADER_BEFORE_LOG(
      "sync writes the header naming the last record before flushing the records, so a power cut"
          + " can leave a header that covers records that never reached the disk",
      "commit record written before the log it commits (write-ahead-log ordering class)");

  private final Facts facts;

  KvBug(String description, String mirrors) {
    this.facts = new Facts(description, mirrors);
  }

  @Override
  public Facts facts() {
    return facts;
  }
}
