package io.powercut.fuzz;

/** Gives a verdict on a mutated image: the engine's readers, or the real tools. */
public interface Judge extends AutoCloseable {
  ImageVerdict judge(Image image);

  @Override
  void close();
}
