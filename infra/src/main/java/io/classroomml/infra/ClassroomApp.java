package io.classroomml.infra;

import io.classroomml.infra.config.ConfigException;
import software.amazon.awscdk.App;

/** The CDK app {@code cdk synth} runs (see {@code cdk.json}). */
public final class ClassroomApp {

  private ClassroomApp() {}

  /** Synthesizes the classroom; bad configuration ends with one message and exit status 1. */
  public static void main(String[] args) {
    App app = new App();
    Classroom classroom;
    try {
      classroom = Classroom.build(app);
    } catch (ConfigException e) {
      System.err.println("classroom: " + e.getMessage());
      System.exit(1);
      return;
    }
    System.err.print(classroom.estimate().toText());
    app.synth();
  }
}
