/**
 * The networks students train ({@link io.classroomml.models.Architecture}) and the saved-model
 * format ({@link io.classroomml.models.SavedModel}): DJL parameters plus the contract's {@code
 * manifest.json}, shared by the training and inference containers so both build the same block.
 */
package io.classroomml.models;
