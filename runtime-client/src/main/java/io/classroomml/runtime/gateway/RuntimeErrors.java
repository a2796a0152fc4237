package io.classroomml.runtime.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.classroomml.http.Refusal;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
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

  /** 400 {@code ValidationError}: the request cannot be served as given. */
  static Refusal validation(String message) {
    return new Refusal(400, "ValidationError", message);
  }

  /** 400 {@code ValidationError}: no endpoint of that name (as AWS words it). */
  static Refusal notFound(String endpoint) {
    return validation("Endpoint " + endpoint + " of account " + LOCAL_ACCOUNT + " not found.");
  }

  /** 413 {@code ValidationError}: the body is over the endpoint's limit (as AWS words it). */
  static Refusal tooLarge(long limit) {
    return new Refusal(413, "ValidationError", "HTTP content length exceeded " + limit + " bytes.");
  }

  /** 503 {@code ServiceUnavailable}: the container cannot be reached. */
  static Refusal unavailable(String message) {
    return new Refusal(503, "ServiceUnavailable", message);
  }

  /** 404 for paths that are no Runtime operation. */
  static Refusal unknownOperation(String what) {
    return new Refusal(
        404,
        "UnknownOperationException",
        "no operation at " + what + "; use POST /endpoints/{name}/invocations");
  }

  /** Any refusal as the error shape: its name in {@code x-amzn-ErrorType}, {@code {"message"}}. */
  static FullHttpResponse response(Refusal refusal) {
    return response(refusal.status(), refusal.error(), Map.of("message", refusal.message()));
  }

  /**
   * 424 {@code ModelError}: the container answered {@code originalStatus} (or nothing, when null)
   * with {@code originalMessage}; the message has the form AWS uses.
   */
  static FullHttpResponse modelError(
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
    return response(424, "ModelError", body);
  }

  private static FullHttpResponse response(int status, String type, Map<String, ?> body) {
    try {
      FullHttpResponse response =
          new DefaultFullHttpResponse(
              HttpVersion.HTTP_1_1,
              HttpResponseStatus.valueOf(status),
              Unpooled.wrappedBuffer(JSON.writeValueAsBytes(body)));
      response.headers().set(ERROR_TYPE, type);
      response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
      return response;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
