package io.classroomml.contract;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * The "did you mean" of every message that refuses a mistyped name: a context key at synth, a
 * hyperparameter in the trainer or a tuning spec, a request member in the tests' AWS model checks.
 * One rule for all of them: the known name nearest in edit distance (commons-text's Levenshtein,
 * ignoring case), if it is within a third of the typed name's length (at least 2 edits).
 */
public final class DidYouMean {

  private static final LevenshteinDistance DISTANCE = LevenshteinDistance.getDefaultInstance();

  private DidYouMean() {}

  /**
   * The known name {@code typed} probably meant.
   *
   * @param typed the name as given
   * @param known the names that exist
   * @return the nearest known name, or empty when none is near enough to be a typo of it
   */
  public static Optional<String> closest(String typed, Collection<String> known) {
    String lowered = typed.toLowerCase(Locale.ROOT);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : known) {
      int d = DISTANCE.apply(lowered, candidate.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    return best != null && bestDistance <= Math.max(2, typed.length() / 3)
        ? Optional.of(best)
        : Optional.empty();
  }

  /**
   * The hint to append to a message: {@code " (did you mean 'x'?)"}, or {@code ""} when no known
   * name is near.
   */
  public static String hint(String typed, Collection<String> known) {
    return closest(typed, known).map(best -> " (did you mean '" + best + "'?)").orElse("");
  }
}
