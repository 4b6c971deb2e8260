package io.powercut.device;

import java.io.IOException;

/**
 * A write or flush on a device opened read-only ({@link FileBlockDevice#openReadOnly}). An {@link
 * IOException}, so that an engine handles it as it handles any failed IO: it stops, and what was on
 * the device stays as it was.
 */
public final class ReadOnlyDeviceException extends IOException {
  private static final long serialVersionUID = 1L;

  ReadOnlyDeviceException(String device, String call) {
    super(device + " is open read-only: " + call + " refused");
  }
}
