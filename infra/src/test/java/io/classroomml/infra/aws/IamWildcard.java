package io.classroomml.infra.aws;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * IAM's wildcard semantics: {@code *} matches any run of characters (also none, also {@code :} and
 * {@code /}), {@code ?} exactly one. Actions compare case-insensitively, ARNs case-sensitively
 * (both as IAM evaluates them). {@link #overlaps} answers the question the checker asks most: can a
 * policy's resource pattern match at least one ARN of a format from the Service Authorization
 * Reference, whose {@code ${Variable}}s stand for any non-empty text.
 */
public final class IamWildcard {

  private static final char ONE = '\u0001';
  private static final char ANY = '\u0002';

  private IamWildcard() {}

  /** Whether action pattern {@code pattern} (e.g. {@code s3:Get*}) matches {@code action}. */
  public static boolean matchesAction(String pattern, String action) {
    return matches(pattern.toLowerCase(Locale.ROOT), action.toLowerCase(Locale.ROOT));
  }

  /** Whether resource pattern {@code pattern} matches the concrete ARN {@code arn}. */
  public static boolean matchesArn(String pattern, String arn) {
    return matches(pattern, arn);
  }

  /**
   * Whether some string matches both IAM pattern {@code pattern} and ARN format {@code format} (the
   * reference's {@code arn:${Partition}:logs:${Region}:${Account}:log-group:${LogGroupName}}).
   */
  public static boolean overlaps(String pattern, String format) {
    List<Character> a = tokens(pattern, false);
    List<Character> b = tokens(format, true);
    return intersect(a, b, 0, 0, new HashMap<>());
  }

  private static boolean matches(String pattern, String text) {
    int p = 0;
    int t = 0;
    int star = -1;
    int mark = 0;
    while (t < text.length()) {
      if (p < pattern.length()
          && (pattern.charAt(p) == '?' || pattern.charAt(p) == text.charAt(t))) {
        p++;
        t++;
      } else if (p < pattern.length() && pattern.charAt(p) == '*') {
        star = p++;
        mark = t;
      } else if (star >= 0) {
        p = star + 1;
        t = ++mark;
      } else {
        return false;
      }
    }
    while (p < pattern.length() && pattern.charAt(p) == '*') {
      p++;
    }
    return p == pattern.length();
  }

  /** Literal characters, ONE for a single wildcard character, ANY for a run of any length. */
  private static List<Character> tokens(String text, boolean format) {
    List<Character> out = new ArrayList<>();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (format && c == '$' && i + 1 < text.length() && text.charAt(i + 1) == '{') {
        int end = text.indexOf('}', i);
        out.add(ONE); // a variable is never empty
        out.add(ANY);
        i = end;
      } else if (!format && c == '*') {
        out.add(ANY);
      } else if (!format && c == '?') {
        out.add(ONE);
      } else {
        out.add(c);
      }
    }
    return out;
  }

  private static boolean intersect(
      List<Character> a, List<Character> b, int i, int j, Map<Long, Boolean> memo) {
    long key = ((long) i << 32) | j;
    Boolean known = memo.get(key);
    if (known != null) {
      return known;
    }
    memo.put(key, false);
    boolean result;
    if (i == a.size() && j == b.size()) {
      result = true;
    } else if (i < a.size() && a.get(i) == ANY) {
      result = intersect(a, b, i + 1, j, memo) || (j < b.size() && intersect(a, b, i, j + 1, memo));
    } else if (j < b.size() && b.get(j) == ANY) {
      result = intersect(a, b, i, j + 1, memo) || (i < a.size() && intersect(a, b, i + 1, j, memo));
    } else if (i < a.size() && j < b.size()) {
      char x = a.get(i);
      char y = b.get(j);
      result = (x == ONE || y == ONE || x == y) && intersect(a, b, i + 1, j + 1, memo);
    } else {
      result = false;
    }
    memo.put(key, result);
    return result;
  }
}
