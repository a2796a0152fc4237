package io.classroomml.local.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.classroomml.contract.Channels;
import io.classroomml.local.LocalException;
import io.classroomml.local.data.SyntheticCifar10;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * {@code upload} against a real S3 API server (S3Mock): the layout the pipelines read, multipart
 * uploads, re-runs that send only what changed, and folders refused before anything is sent.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class DataUploadTest {

  /** S3's smallest part: a 12 MiB file goes in three. */
  private static final long PART = 5L * 1024 * 1024;

  @TempDir static Path serverRoot;
  private static S3MockServer server;
  private static int buckets;

  @TempDir Path dir;
  private String bucket;
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  @BeforeAll
  static void startS3() throws Exception {
    server = S3MockServer.start(serverRoot);
  }

  @AfterAll
  static void stopS3() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  private AwsSession session() {
    return new AwsSession(
        Region.US_EAST_1,
        StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")),
        new AwsSession.Wiring(
            UrlConnectionHttpClient.create(), Optional.of(server.endpoint()), PART));
  }

  @BeforeEach
  void newBucket() {
    bucket = "classroom-s01-data-" + (++buckets);
    try (AwsSession s = session()) {
      s.s3().createBucket(r -> r.bucket(bucket)).join();
    }
  }

  private DataUpload.Summary upload(Map<String, Path> channels, Path batch) {
    try (AwsSession s = session()) {
      return new DataUpload(s.s3(), bucket, out).upload(channels, batch);
    }
  }

  private Map<String, S3Object> objects() {
    try (AwsSession s = session()) {
      Map<String, S3Object> objects = new LinkedHashMap<>();
      s.s3()
          .listObjectsV2Paginator(r -> r.bucket(bucket))
          .contents()
          .subscribe(o -> objects.put(o.key(), o))
          .join();
      return objects;
    }
  }

  private Path cifar(String name, int perClass, long seed) throws IOException {
    Path d = dir.resolve(name);
    SyntheticCifar10.write(d, perClass, 2, seed);
    return d;
  }

  @Test
  void theFolders_landUnderTheChannelPrefixesThePipelinesRead() throws Exception {
    Path train = cifar("train", 3, 1);
    Path validation = dir.resolve("validation");
    Files.createDirectories(validation);
    Files.copy(train.resolve("test_batch.bin"), validation.resolve("test_batch.bin"));
    Path batch = Files.createDirectories(dir.resolve("batch").resolve("nested"));
    Files.write(batch.resolve("record.bin"), new byte[3073]);
    Files.writeString(train.resolve(".DS_Store"), "hidden files stay home");

    DataUpload.Summary s =
        upload(Map.of(Channels.TRAIN, train, Channels.VALIDATION, validation), batch.getParent());

    assertThat(objects().keySet())
        .containsExactlyInAnyOrder(
            "train/data_batch_1.bin",
            "train/data_batch_2.bin",
            "train/data_batch_3.bin",
            "train/data_batch_4.bin",
            "train/data_batch_5.bin",
            "train/test_batch.bin",
            "train/batches.meta.txt",
            "validation/test_batch.bin",
            "batch/input/nested/record.bin");
    assertThat(s.uploaded()).hasSize(9);
    assertThat(bytes.toString(StandardCharsets.UTF_8))
        .contains("train: CIFAR10")
        .contains("s3://" + bucket + "/train/: 7 files, 7 to upload");
    try (AwsSession session = session()) {
      HeadObjectResponse head =
          session
              .s3()
              .headObject(
                  r ->
                      r.bucket(bucket)
                          .key("train/data_batch_1.bin")
                          .checksumMode(
                              software.amazon.awssdk.services.s3.model.ChecksumMode.ENABLED))
              .join();
      assertThat(head.checksumCRC32()).as("the CRC32 S3 checked on arrival").isNotBlank();
      assertThat(head.metadata())
          .containsEntry(
              DataUpload.SHA256_METADATA, DataUpload.sha256(train.resolve("data_batch_1.bin")));
    }
  }

  @Test
  void aReRun_sendsOnlyWhatChanged_andRemovesWhatIsGone() throws Exception {
    Path train = cifar("train", 3, 1);
    upload(Map.of(Channels.TRAIN, train), null);

    DataUpload.Summary again = upload(Map.of(Channels.TRAIN, train), null);
    assertThat(again.uploaded()).isEmpty();
    assertThat(again.unchanged()).hasSize(7);

    // Same size, other bytes; one file gone; one new.
    Path other = cifar("other", 3, 2);
    Files.copy(
        other.resolve("data_batch_2.bin"),
        train.resolve("data_batch_2.bin"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Files.delete(train.resolve("batches.meta.txt"));
    Files.writeString(train.resolve("README.txt"), "notes");
    DataUpload.Summary third = upload(Map.of(Channels.TRAIN, train), null);

    assertThat(third.uploaded())
        .containsExactlyInAnyOrder("train/data_batch_2.bin", "train/README.txt");
    assertThat(third.deleted()).containsExactly("train/batches.meta.txt");
    assertThat(third.unchanged()).hasSize(5);
    assertThat(objects())
        .doesNotContainKey("train/batches.meta.txt")
        .containsKey("train/README.txt");
  }

  @Test
  void aFileLargerThanAPart_goesUpInParts_andArrivesWhole() throws Exception {
    Path batch = Files.createDirectories(dir.resolve("batch"));
    byte[] big = new byte[12 * 1024 * 1024 + 123];
    new Random(7).nextBytes(big);
    Files.write(batch.resolve("big.bin"), big);

    upload(Map.of(), batch);

    S3Object object = objects().get("batch/input/big.bin");
    assertThat(object.size()).isEqualTo(big.length);
    assertThat(object.eTag())
        .as("a multipart upload's ETag ends with its part count")
        .endsWith("-3\"");
    try (AwsSession s = session()) {
      byte[] back =
          s.s3()
              .getObject(
                  r -> r.bucket(bucket).key("batch/input/big.bin"),
                  AsyncResponseTransformer.toBytes())
              .join()
              .asByteArray();
      assertThat(back).isEqualTo(big);
    }
    // unchanged on a re-run, multipart or not
    assertThat(upload(Map.of(), batch).unchanged()).containsExactly("batch/input/big.bin");
  }

  @Test
  void fashionMnistFiles_goUnderTrainAsPublished() throws Exception {
    Path train = Files.createDirectories(dir.resolve("fashion"));
    writeIdx(train, 20);

    DataUpload.Summary s = upload(Map.of(Channels.TRAIN, train), null);

    assertThat(s.uploaded())
        .containsExactlyInAnyOrder(
            "train/train-images-idx3-ubyte", "train/train-labels-idx1-ubyte");
    assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("train: IDX, 20 images");
  }

  @Test
  void anEmptyFolder_isRefusedBeforeAnythingIsSent_namingItAndTheLayouts() throws Exception {
    Path empty = Files.createDirectories(dir.resolve("empty"));

    assertThatThrownBy(() -> upload(Map.of(Channels.TRAIN, empty), null))
        .isInstanceOf(LocalException.class)
        .hasMessageContaining("--data " + empty)
        .hasMessageContaining("is empty")
        .hasMessageContaining("upload one of: (1) CIFAR-10 binary");
    assertThat(objects()).isEmpty();
  }

  @Test
  void looseImages_areRefusedWithTheFolderLayoutToUse() throws Exception {
    Path loose = Files.createDirectories(dir.resolve("loose"));
    Files.write(loose.resolve("cat1.png"), new byte[] {1});
    Files.write(loose.resolve("cat2.png"), new byte[] {2});

    assertThatThrownBy(() -> upload(Map.of(Channels.TRAIN, loose), null))
        .isInstanceOf(LocalException.class)
        .hasMessageContaining("one sub-folder per class");
    assertThat(objects()).isEmpty();
  }

  @Test
  void aTestSetAlone_isNotATrainingSet() throws Exception {
    Path onlyTest = Files.createDirectories(dir.resolve("only-test"));
    Files.copy(cifar("c", 1, 3).resolve("test_batch.bin"), onlyTest.resolve("test_batch.bin"));

    assertThatThrownBy(() -> upload(Map.of(Channels.TRAIN, onlyTest), null))
        .isInstanceOf(LocalException.class)
        .hasMessageContaining("holds only a test set")
        .hasMessageContaining("--validation");
  }

  @Test
  void aMissingFolderOrBucket_isNamedWithItsFix() throws Exception {
    assertThatThrownBy(() -> upload(Map.of(), dir.resolve("nowhere")))
        .isInstanceOf(LocalException.class)
        .hasMessageContaining("--batch " + dir.resolve("nowhere") + " is not a folder");

    Path train = cifar("train", 1, 1);
    try (AwsSession s = session()) {
      AwsVerbs verbs =
          new AwsVerbs(
              s,
              new AwsVerbs.Target(
                  Optional.empty(), Optional.empty(), Optional.of("no-such-bucket")),
              out,
              Duration.ZERO);
      assertThatThrownBy(() -> verbs.upload(Map.of(Channels.TRAIN, train), null))
          .isInstanceOf(LocalException.class)
          .hasMessageContaining("there is no bucket no-such-bucket")
          .hasMessageContaining("--student ID");
    }
  }

  /** IDX files as published (magic, counts, then bytes), {@code n} 28×28 images of 2 classes. */
  private static void writeIdx(Path dir, int n) throws IOException {
    try (DataOutputStream images =
        new DataOutputStream(Files.newOutputStream(dir.resolve("train-images-idx3-ubyte")))) {
      images.writeInt(0x00000803);
      images.writeInt(n);
      images.writeInt(28);
      images.writeInt(28);
      for (int i = 0; i < n * 28 * 28; i++) {
        images.writeByte(i * 31);
      }
    }
    try (DataOutputStream labels =
        new DataOutputStream(Files.newOutputStream(dir.resolve("train-labels-idx1-ubyte")))) {
      labels.writeInt(0x00000801);
      labels.writeInt(n);
      for (int i = 0; i < n; i++) {
        labels.writeByte(i % 2);
      }
    }
  }
}
