package io.classroomml.infra.cost;

import io.classroomml.infra.Names;
import io.classroomml.infra.config.ClassroomConfig;
import io.classroomml.infra.config.ConfigException;
import io.classroomml.infra.config.ContextKeys;
import io.classroomml.infra.config.Student;

/** Each student's longest resource names must fit AWS's naming rules. */
final class NameCheck implements ConfigCheck {

  @Override
  public void check(ClassroomConfig config) {
    for (Student s : config.students()) {
      Names.longestNames(s.id())
          .forEach(
              (name, kind) -> {
                if (!kind.isValid(name)) {
                  throw new ConfigException(
                      ContextKeys.STUDENTS, s.id(), kind.invalid(name) + "; shorten the id");
                }
              });
    }
  }
}
