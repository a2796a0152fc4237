package io.classroomml.infra.constructs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.constructs.Construct;

/**
 * A Python Lambda function whose source is a resource of this jar, inlined in the template so that
 * a deploy has no asset to upload (the inline limit is 4,096 characters).
 */
final class InlinePython {

  private static final int MEMORY_MB = 256;

  private InlinePython() {}

  /** The text of {@code resource}, a file beside this class. */
  static String source(String resource) {
    try (InputStream in = InlinePython.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from the infra jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A builder for a function running {@code resource}'s {@code handler}; callers add the rest. */
  static Function.Builder function(Construct scope, String id, String resource) {
    return Function.Builder.create(scope, id)
        .runtime(Runtime.PYTHON_3_14)
        .handler("index.handler")
        .code(Code.fromInline(source(resource)))
        .memorySize(MEMORY_MB);
  }
}
