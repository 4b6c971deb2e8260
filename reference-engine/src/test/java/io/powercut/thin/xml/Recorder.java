package io.powercut.thin.xml;

import java.util.ArrayList;
import java.util.List;

/** Records pool events as readable strings. */
final class Recorder implements PoolXmlHandler {
  final List<String> events = new ArrayList<>();

  @Override
  public void beginSuperblock(XmlSuperblock sb) {
    events.add(sb.toString());
  }

  @Override
  public void beginDevice(XmlDevice d) {
    events.add(d.toString());
  }

  @Override
  public void mapping(long originBegin, long dataBegin, long length, long time) {
    events.add(
        "map "
            + Long.toUnsignedString(originBegin)
            + " "
            + dataBegin
            + " "
            + Long.toUnsignedString(length)
            + " "
            + time);
  }

  @Override
  public void endDevice() {
    events.add("end device");
  }

  @Override
  public void endSuperblock() {
    events.add("end superblock");
  }
}
