package io.classroomml.runtime.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The SageMaker Runtime error shapes, written so that the AWS SDKs map them to their typed
 * exceptions: the error name goes in {@code x-amzn-ErrorType} (the SDK v2 without it throws only
 * the generic {@code SageMakerRuntimeException}) and the members in a JSON body.
 */
final class RuntimeErrors {

  /** The header the AWS JSON protocols read the error name from. */
  static final String ERROR_TYPE = "x-amzn-ErrorType";

  /** The account shown in messages and ARNs; there is none locally. */
  static final String LOCAL_ACCOUNT = "000000000000";

  private static final ObjectMapper JSON = new ObjectMapper();

  private RuntimeErrors() {}

  /** One error answer: status, {@code x-amzn-ErrorType} value, JSON body. */
  record RuntimeError(int status, String errorType, byte[] body) {}

  /** 400 {@code ValidationError}: the request cannot be served as given. */
  static RuntimeError validation(String message) {
    return error(400, "ValidationError", Map.of("message", message));
  }

  /** 413 {@code ValidationError}: the body is over the endpoint's limit (as AWS words it). */
  static RuntimeError tooLarge(long limit) {
    return error(
        413,
        "ValidationError",
        Map.of("message", "HTTP content length exceeded " + limit + " bytes."));
  }

  /** 503 {@code ServiceUnavailable}: the container cannot be reached. */
  static RuntimeError unavailable(String message) {
    return error(503, "ServiceUnavailable", Map.of("message", message));
  }

  /** 500 {@code InternalFailure}: the gateway itself failed; its log says why. */
  static RuntimeError internal() {
    return error(
        500, "InternalFailure", Map.of("message", "the local gateway failed; see its log"));
  }

  /** 404 for paths that are no Runtime operation. */
  static RuntimeError unknownOperation(String path) {
    return error(
        404,
        "UnknownOperationException",
        Map.of("message", "no operation at " + path + "; use POST /endpoints/{name}/invocations"));
  }

  /**
   * 424 {@code ModelError}: the container answered {@code originalStatus} (or nothing, when null)
   * with {@code originalMessage}; the message has the form AWS uses.
   */
  static RuntimeError modelError(
      String endpoint, Integer originalStatus, String originalMessage, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    if (originalStatus != null) {
      body.put(
          "ErrorCode",
          originalStatus < 500 ? "CLIENT_ERROR_FROM_MODEL" : "SERVER_ERROR_FROM_MODEL");
    }
    body.put(
        "LogStreamArn",
        "arn:aws:logs:local:" + LOCAL_ACCOUNT + ":log-group:/aws/sagemaker/Endpoints/" + endpoint);
    body.put("Message", message);
    body.put("OriginalMessage", originalMessage);
    if (originalStatus != null) {
      body.put("OriginalStatusCode", originalStatus);
    }
    return error(424, "ModelError", body);
  }

  private static RuntimeError error(int status, String type, Map<String, ?> body) {
    try {
      return new RuntimeError(status, type, JSON.writeValueAsBytes(body));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
