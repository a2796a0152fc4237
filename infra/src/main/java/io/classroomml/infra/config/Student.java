package io.classroomml.infra.config;

import java.util.Optional;

/**
 * One student of the class.
 *
 * @param id lower-case id, used in stack, bucket and job names (1 to {@value #MAX_ID_LENGTH}
 *     characters)
 * @param email where budget alerts go, if given
 * @param modelKey the key of a trained {@code model.tar.gz} in the student's artifact bucket to
 *     deploy as an endpoint, if given
 */
public record Student(String id, Optional<String> email, Optional<String> modelKey) {

  /**
   * Longest id: keeps {@code <id>-tune-<12 hex>} within the 32 characters of a tuning job name and
   * bucket names within 63.
   */
  public static final int MAX_ID_LENGTH = 12;
}
