package io.classroomml.e2e.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.classroomml.contract.ModelManifest;
import io.classroomml.http.ServerLog;
import io.classroomml.local.data.SyntheticCifar10;
import io.classroomml.models.SavedModel;
import io.classroomml.runtime.client.InvokeClient;
import io.classroomml.runtime.gateway.EndpointTarget;
import io.classroomml.runtime.gateway.RuntimeGateway;
import io.classroomml.testing.Requirements;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The images themselves, run by a real OCI runtime ({@code runc}) without a Docker engine: the
 * training image trains a tiny job in a mounted {@code /opt/ml}, then the inference image serves
 * that model and classifies an image sent by the AWS SDK through the runtime gateway.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ImageRunTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path work;
  private static Path optMl;

  @BeforeAll
  static void requireRunc() {
    Requirements.runc();
  }

  @Test
  @Order(1)
  @Timeout(15 * 60) // unpacking the image, then the container's own 600 s limit
  void trainingImage_trainsATinyJobInAMountedOptMl_andWritesItsModel() throws Exception {
    optMl = Files.createDirectories(work.resolve("opt-ml"));
    Path config = Files.createDirectories(optMl.resolve("input/config"));
    Files.writeString(
        config.resolve("hyperparameters.json"),
        "{\"epochs\": \"1\", \"batch_size\": \"32\", \"max_steps_per_epoch\": \"2\"}");
    Files.writeString(
        config.resolve("inputdataconfig.json"),
        "{\"train\": {\"TrainingInputMode\": \"File\", \"S3DistributionType\": \"FullyReplicated\","
            + " \"RecordWrapperType\": \"None\"}}");
    Files.writeString(
        config.resolve("resourceconfig.json"),
        "{\"current_host\": \"algo-1\", \"hosts\": [\"algo-1\"], \"network_interface_name\":"
            + " \"eth0\", \"current_instance_type\": \"local\"}");
    SyntheticCifar10.write(optMl.resolve("input/data/train"), 8, 2, 7);

    ImageTar image = ImageTar.open(ImageTar.built("training"), work.resolve("training-image"));
    try (RuncContainer container =
        RuncContainer.start(image, work.resolve("training-bundle"), "train", optMl, Map.of())) {
      int exit = container.waitFor(600);
      String log = container.output();
      assertThat(exit).as("training container log:\n%s", log).isZero();
      // Nothing extracted or downloaded at start: libtorch comes from its layer.
      assertThat(log).doesNotContain("Extracting", "Downloading");
    }
    assertThat(optMl.resolve("output/failure")).doesNotExist();
    assertThat(optMl.resolve("model").resolve(SavedModel.WEIGHTS_FILE)).isNotEmptyFile();
    assertThat(optMl.resolve("model").resolve(ModelManifest.FILE_NAME)).isNotEmptyFile();
  }

  @Test
  @Order(2)
  @Timeout(10 * 60) // unpacking the image, 120 s for /ping, 60 s to stop
  void inferenceImage_answersPing_andClassifiesAnImageSentThroughTheRuntimeGateway()
      throws Exception {
    assertThat(optMl).as("the model the training image wrote").isNotNull();
    int port = freePort();
    ImageTar image = ImageTar.open(ImageTar.built("inference"), work.resolve("inference-image"));
    try (RuncContainer container =
            RuncContainer.start(
                image,
                work.resolve("inference-bundle"),
                "serve",
                optMl,
                Map.of("SAGEMAKER_BIND_TO_PORT", Integer.toString(port)));
        RuntimeGateway gateway =
            RuntimeGateway.create(
                    0,
                    Duration.ofSeconds(60),
                    new ServerLog(new PrintStream(java.io.OutputStream.nullOutputStream())))
                .register(EndpointTarget.realtime("images", URI.create("http://127.0.0.1:" + port)))
                .start();
        InvokeClient client =
            InvokeClient.local(URI.create("http://127.0.0.1:" + gateway.port()))) {
      awaitPing(container, port);

      InvokeClient.Invocation answer =
          client.invoke("images", png(), "image/png", "application/json", null);

      assertThat(answer.contentType()).isEqualTo("application/json");
      JsonNode prediction = JSON.readTree(answer.body()).at("/predictions/0");
      assertThat(prediction.get("label").asText()).isIn(SyntheticCifar10.CLASS_NAMES);
      // Exec form: the JVM is PID 1, gets SIGTERM, drains the server in its shutdown hook and
      // exits 128 + 15.
      assertThat(container.stop()).as("exit code after SIGTERM").isEqualTo(143);
      assertThat(container.output())
          .contains("\"stopped\"")
          .doesNotContain("Extracting", "Downloading");
    }
  }

  private static void awaitPing(RuncContainer container, int port) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest ping =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ping"))
            .timeout(Duration.ofSeconds(2))
            .build();
    for (int attempt = 0; attempt < 600; attempt++) {
      if (!container.isRunning()) {
        fail("the inference container exited before /ping answered:\n" + container.output());
      }
      try {
        if (http.send(ping, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    fail("no /ping 200 within 120 s:\n" + container.output());
  }

  private static byte[] png() throws IOException {
    BufferedImage image = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 32; y++) {
      for (int x = 0; x < 32; x++) {
        image.setRGB(x, y, (x * 8) << 16 | (y * 8) << 8 | 128);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
