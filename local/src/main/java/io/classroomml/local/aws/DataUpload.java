package io.classroomml.local.aws;

import io.classroomml.contract.Channels;
import io.classroomml.contract.DataLayout;
import io.classroomml.datasets.ChannelData;
import io.classroomml.datasets.ChannelReader;
import io.classroomml.datasets.DataFormatException;
import io.classroomml.local.LocalException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.transfer.s3.S3TransferManager;
import software.amazon.awssdk.transfer.s3.model.FileUpload;

/**
 * {@code upload}: local folders into the data bucket in exactly the layout the pipelines read
 * ({@link DataLayout}: {@code train/}, {@code validation/}, {@code batch/input/}), through the S3
 * Transfer Manager (parallel multipart uploads, each part with a CRC32 checksum S3 verifies).
 *
 * <p>Before anything is sent, each channel folder is read by the trainer's own {@link
 * ChannelReader}, so a folder the job would reject fails here, naming the file and the fix. A
 * prefix is made to hold exactly the folder (one data set per bucket, as the pipelines expect):
 * files whose size and SHA-256 (kept as object metadata) are unchanged are skipped, objects no
 * longer in the folder are deleted.
 */
final class DataUpload {

  /** User metadata holding the file's SHA-256, hex: what a re-run compares. */
  static final String SHA256_METADATA = "sha256";

  /** The side the reader resizes folder images to while checking (any value checks the same). */
  private static final int CHECK_IMAGE_SIZE = 32;

  /** What one upload did, by key. */
  record Summary(List<String> uploaded, List<String> unchanged, List<String> deleted) {}

  private final S3AsyncClient s3;
  private final String bucket;
  private final PrintStream out;

  DataUpload(S3AsyncClient s3, String bucket, PrintStream out) {
    this.s3 = s3;
    this.bucket = bucket;
    this.out = out;
  }

  /**
   * Checks and uploads the folders: {@code channels} maps a channel ({@link Channels#TRAIN}, {@link
   * Channels#VALIDATION}) to its folder; {@code batchInput}, if not null, goes to {@link
   * DataLayout#BATCH_INPUT_PREFIX}.
   */
  Summary upload(Map<String, Path> channels, Path batchInput) {
    Map<String, Path> prefixes = new LinkedHashMap<>();
    channels.forEach(
        (channel, dir) -> {
          check(channel, dir);
          prefixes.put(DataLayout.channelPrefix(channel), dir);
        });
    if (batchInput != null) {
      if (files(batchInput, "--batch").isEmpty()) {
        throw new LocalException(
            "--batch " + batchInput + " holds no files: put the images to classify there");
      }
      prefixes.put(DataLayout.BATCH_INPUT_PREFIX, batchInput);
    }
    if (prefixes.isEmpty()) {
      throw new LocalException("nothing to upload: pass --data DIR (and --validation, --batch)");
    }
    List<String> uploaded = new ArrayList<>();
    List<String> unchanged = new ArrayList<>();
    List<String> deleted = new ArrayList<>();
    try (S3TransferManager transfers = S3TransferManager.builder().s3Client(s3).build()) {
      for (Map.Entry<String, Path> e : prefixes.entrySet()) {
        sync(transfers, e.getKey(), e.getValue(), uploaded, unchanged, deleted);
      }
    }
    return new Summary(uploaded, unchanged, deleted);
  }

  /** Reads a channel folder as the trainer will, so a bad folder fails before any upload. */
  private void check(String channel, Path dir) {
    String option = channel.equals(Channels.TRAIN) ? "--data" : "--" + channel;
    out.println("checking " + dir + " with the trainer's reader (" + channel + " channel)");
    ChannelData data;
    try {
      data = ChannelReader.read(dir, CHECK_IMAGE_SIZE);
    } catch (DataFormatException e) {
      throw new LocalException(
          option + " " + dir + " cannot be a " + channel + " channel: " + e.getMessage());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + dir, e);
    }
    if (channel.equals(Channels.TRAIN) && data.train().isEmpty()) {
      throw new LocalException(
          "--data "
              + dir
              + " holds only a test set ("
              + data.format()
              + "): the train channel needs the training files (data_batch_*.bin,"
              + " train-images/train-labels, or class folders); pass the test set as --validation");
    }
    int images =
        data.train().map(s -> s.size()).orElse(0) + data.test().map(s -> s.size()).orElse(0);
    out.printf(Locale.ROOT, "  %s: %s, %d images%n", channel, data.format(), images);
    data.warnings().forEach(w -> out.println("  note: " + w));
  }

  private void sync(
      S3TransferManager transfers,
      String prefix,
      Path dir,
      List<String> uploaded,
      List<String> unchanged,
      List<String> deleted) {
    Map<String, Path> local = new TreeMap<>();
    for (Path file : files(dir, prefix)) {
      local.put(prefix + dir.relativize(file).toString().replace('\\', '/'), file);
    }
    Map<String, Long> remote = new TreeMap<>();
    try {
      AwsCalls.join(
          s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(prefix))
              .contents()
              .subscribe(o -> remote.put(o.key(), o.size())));
    } catch (NoSuchBucketException e) {
      throw new LocalException(
          "there is no bucket "
              + bucket
              + ": check --bucket (the stack output DataBucket), or pass --student ID to use your"
              + " stack's");
    }
    List<FileUpload> running = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    long bytes = 0;
    for (Map.Entry<String, Path> e : local.entrySet()) {
      String key = e.getKey();
      Path file = e.getValue();
      String sha256 = sha256(file);
      long size = size(file);
      if (remote.containsKey(key) && remote.get(key) == size && sha256.equals(remoteSha256(key))) {
        unchanged.add(key);
        continue;
      }
      bytes += size;
      keys.add(key);
      running.add(
          transfers.uploadFile(
              u ->
                  u.source(file)
                      .putObjectRequest(
                          p ->
                              p.bucket(bucket)
                                  .key(key)
                                  .checksumAlgorithm(ChecksumAlgorithm.CRC32)
                                  .metadata(Map.of(SHA256_METADATA, sha256)))));
    }
    out.printf(
        Locale.ROOT,
        "s3://%s/%s: %d files, %d to upload (%.1f MB), %d unchanged%n",
        bucket,
        prefix,
        local.size(),
        keys.size(),
        bytes / 1e6,
        local.size() - keys.size());
    for (int i = 0; i < running.size(); i++) {
      AwsCalls.join(running.get(i).completionFuture());
      out.println("  uploaded " + keys.get(i));
      uploaded.add(keys.get(i));
    }
    List<String> stale = remote.keySet().stream().filter(k -> !local.containsKey(k)).toList();
    for (int from = 0; from < stale.size(); from += 1000) {
      List<ObjectIdentifier> batch =
          stale.subList(from, Math.min(stale.size(), from + 1000)).stream()
              .map(k -> ObjectIdentifier.builder().key(k).build())
              .toList();
      AwsCalls.join(s3.deleteObjects(r -> r.bucket(bucket).delete(d -> d.objects(batch))));
    }
    stale.forEach(k -> out.println("  deleted " + k + " (no longer in " + dir + ")"));
    deleted.addAll(stale);
  }

  private String remoteSha256(String key) {
    CompletableFuture<HeadObjectResponse> head =
        s3.headObject(r -> r.bucket(bucket).key(key).checksumMode(ChecksumMode.ENABLED));
    return AwsCalls.join(head).metadata().get(SHA256_METADATA);
  }

  /**
   * The regular files under {@code dir}, hidden ones (a dot in any name) left out as the trainer
   * does.
   */
  private static List<Path> files(Path dir, String what) {
    if (!Files.isDirectory(dir)) {
      throw new LocalException(
          what + " " + dir + " is not a folder: pass the folder that holds the files");
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile)
          .filter(
              p -> {
                for (Path part : dir.relativize(p)) {
                  if (part.toString().startsWith(".")) {
                    return false;
                  }
                }
                return true;
              })
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  static String sha256(Path file) {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
      in.transferTo(OutputStream.nullOutputStream());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
