package io.powercut.fuzz;

/** A named image that mutations start from (see {@link SeedCorpus}). */
public record SeedImage(String name, Image image) {}
