package io.powercut.thin.check;

/**
 * What {@link MetadataChecker#check} looks at, mirroring thin_check's switches.
 *
 * @param metadataSnapshot like {@code thin_check -m}: also report problems inside the held metadata
 *     snapshot's trees (they are always walked, since their blocks are counted in the space map)
 * @param superblockOnly like {@code --super-block-only}: check only the superblock's fields
 * @param skipMappings like {@code --skip-mappings}: walk only the top level of the mapping tree, so
 *     per-device mapping counts and both space maps' reference counts are not compared
 */
public record CheckOptions(boolean metadataSnapshot, boolean superblockOnly, boolean skipMappings) {
  /** Everything but the metadata snapshot's own problems, as plain {@code thin_check}. */
  public static final CheckOptions DEFAULT = new CheckOptions(false, false, false);
}
