package io.spindle.runtime.scheduler;

import io.spindle.runtime.checkpoint.CheckpointScheduler;
import java.util.concurrent.Executor;

/** The JobMaster's main thread: everything of a job's scheduling and checkpointing runs on it, delays included. */
public interface MainThreadScheduler extends Executor, CheckpointScheduler {}
