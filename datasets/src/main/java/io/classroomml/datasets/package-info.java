/**
 * Image data for classroom-ml, pure Java: the readers for what a student can put in a SageMaker
 * channel (CIFAR-10 binary, IDX as in MNIST and Fashion-MNIST, one folder per class), the image
 * preprocessing shared by training and serving, a synthetic CIFAR-format data set for tests and
 * offline demos, and the CIFAR-10 downloader used by local mode.
 *
 * <p>Entry point: {@link io.classroomml.datasets.ChannelReader#read}. Every problem with a user's
 * data is a {@link io.classroomml.datasets.DataFormatException} naming the file, the byte offset
 * where known, and the fix.
 */
package io.classroomml.datasets;
