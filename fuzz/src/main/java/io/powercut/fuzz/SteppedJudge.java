package io.powercut.fuzz;

/**
 * Judges one image in the calling thread, one {@link Step} after another, and says which step runs
 * now: what a {@link Deadline} runs on its worker (the {@link Oracle}, or a stand-in in tests), so
 * that a hang's report names the stuck step.
 */
interface SteppedJudge {
  ImageVerdict judge(Image image);

  /** The step running now, or the last one run. */
  Step step();
}
