package io.powercut.fuzz;

/**
 * What the oracle concluded about one image.
 *
 * @param checkClean whether the strict checker found nothing at all
 * @param outcome a short, stable description of every step's outcome (the first checker rule, the
 *     rule of each corruption error): distinct outcomes are the campaign's measure of coverage
 * @param failure what the oracle does not allow, or null
 */
public record ImageVerdict(boolean checkClean, String outcome, Failure failure) {
  public boolean failed() {
    return failure != null;
  }
}
