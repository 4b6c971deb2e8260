package io.powercut.device;

/**
 * The one way entries reach the {@link IoLog} of a {@link FaultyDevice} or of the devices of a
 * {@link FaultyDeviceGroup}: the devices mirror the log in their caches, so an entry appended from
 * outside would make a cache lie. Counting its own appends lets it notice one.
 */
final class LogAppender {
  private final IoLog log;
  private int appended;

  LogAppender(IoLog log) {
    this.log = log;
  }

  IoLog log() {
    return log;
  }

  int write(int device, long block, byte[] src) {
    checkUntouched();
    int index = log.appendWrite(device, block, src);
    appended++;
    return index;
  }

  int fua(int device, long block, byte[] src) {
    checkUntouched();
    int index = log.appendFua(device, block, src);
    appended++;
    return index;
  }

  int flush(int device) {
    checkUntouched();
    int index = log.appendFlush(device);
    appended++;
    return index;
  }

  int mark(String label) {
    checkUntouched();
    int index = log.appendMark(label);
    appended++;
    return index;
  }

  /** Throws unless every entry of the log came through this appender. */
  void checkUntouched() {
    if (log.size() != appended) {
      throw new IllegalStateException(
          "the IoLog of this FaultyDevice was appended to from outside: "
              + log.size()
              + " entries, expected "
              + appended);
    }
  }
}
