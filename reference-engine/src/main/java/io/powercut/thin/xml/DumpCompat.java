package io.powercut.thin.xml;

/**
 * Which thin_dump's XML to print, byte for byte. 0.9 (0.9.0, the default): {@code flags} always,
 * every device's mappings in full, a final newline. 1.1 (1.1.0): {@code flags="1"} only when the
 * needs-check flag is set (omitted otherwise), runs of leaves that devices share printed once as a
 * {@code <def name="N">} (N: the piece's first leaf) before the devices and named by {@code <ref
 * name="N"/>} in each, {@code nr_data_blocks} of a metadata snapshot from the snapshot's own
 * superblock, and no newline after {@code </superblock>}.
 */
public enum DumpCompat {
  V0_9("0.9"),
  V1_1("1.1");

  private final String label;

  DumpCompat(String label) {
    this.label = label;
  }

  /** "0.9" or "1.1", as {@code --compat} spells it. */
  public String label() {
    return label;
  }

  /** The level {@code label} names. */
  public static DumpCompat parse(String label) {
    for (DumpCompat c : values()) {
      if (c.label.equals(label)) {
        return c;
      }
    }
    throw new IllegalArgumentException(
        "unknown dump compatibility '" + label + "': expected 0.9 or 1.1");
  }
}
