package io.spindle.runtime.operators;

import io.spindle.runtime.state.timers.ProcessingTimeService;
import io.spindle.api.eventtime.TimestampAssigner;
import io.spindle.api.eventtime.WatermarkStrategy;
import java.util.concurrent.ScheduledFuture;

/**
 * Applies a {@link WatermarkStrategy}: stamps each record with the strategy's timestamp assigner
 * (or keeps the timestamp the source gave it) and, periodically in processing time, emits the
 * watermark {@code max timestamp - max out-of-orderness - 1} when it has advanced. Upstream
 * watermarks are replaced by these, except the final {@link Long#MAX_VALUE} that ends the
 * input, which is forwarded.
 *
 * <p>With {@link WatermarkStrategy#withIdleness} the stream is marked {@link WatermarkStatus#IDLE}
 * once no record arrived for the idle timeout (checked at each periodic emission, so detection
 * can take up to one interval longer), and {@link WatermarkStatus#ACTIVE} again just before its
 * next record. Upstream statuses are dropped like upstream watermarks: this operator decides.
 */
public final class TimestampsAndWatermarksOperator<T> implements OneInputStreamOperator<T, T> {
    private static final long serialVersionUID = 1L;

    /** Same default as Flink's {@code pipeline.auto-watermark-interval}. */
    public static final long DEFAULT_WATERMARK_INTERVAL_MILLIS = 200;

    private final WatermarkStrategy<T> strategy;
    private final long watermarkIntervalMillis;

    private transient TimestampAssigner<T> assigner;
    private transient Output<T> output;
    private transient ProcessingTimeService processingTimeService;
    private transient long maxTimestamp;
    private transient long lastEmittedWatermark;
    private transient ScheduledFuture<?> nextEmission;
    /** Set by every record, cleared by each periodic check: cheaper than reading the clock per record. */
    private transient boolean recordSinceLastCheck;
    private transient long lastActivityTime;
    private transient boolean idle;

    public TimestampsAndWatermarksOperator(WatermarkStrategy<T> strategy) {
        this(strategy, DEFAULT_WATERMARK_INTERVAL_MILLIS);
    }

    public TimestampsAndWatermarksOperator(WatermarkStrategy<T> strategy, long watermarkIntervalMillis) {
        if (watermarkIntervalMillis <= 0) {
            throw new IllegalArgumentException("watermark interval must be positive, was " + watermarkIntervalMillis);
        }
        this.strategy = strategy;
        this.watermarkIntervalMillis = watermarkIntervalMillis;
    }

    @Override
    public void setup(StreamOperatorParameters<T> parameters) {
        this.output = parameters.output();
        this.processingTimeService = parameters.processingTimeService();
    }

    @Override
    public void open() {
        assigner = strategy.getTimestampAssigner();
        maxTimestamp = Long.MIN_VALUE;
        lastEmittedWatermark = Long.MIN_VALUE;
        lastActivityTime = processingTimeService.getCurrentProcessingTime();
        scheduleEmission(processingTimeService.getCurrentProcessingTime() + watermarkIntervalMillis);
    }

    @Override
    public void processElement(StreamRecord<T> record) {
        if (assigner != null) {
            record.setTimestamp(assigner.extractTimestamp(record.getValue(), record.getTimestamp()));
        }
        if (record.getTimestamp() > maxTimestamp) {
            maxTimestamp = record.getTimestamp();
        }
        recordSinceLastCheck = true;
        if (idle) {
            idle = false;
            output.emitWatermarkStatus(WatermarkStatus.ACTIVE);
        }
        output.collect(record);
    }

    @Override
    public void processWatermark(long watermark) {
        if (watermark == Long.MAX_VALUE && lastEmittedWatermark != Long.MAX_VALUE) {
            lastEmittedWatermark = Long.MAX_VALUE;
            cancelEmission();
            output.emitWatermark(Long.MAX_VALUE);
        }
    }

    @Override
    public void processWatermarkStatus(WatermarkStatus status) {
        // This operator's own record flow decides whether its output is idle.
    }

    @Override
    public void close() {
        cancelEmission();
    }

    private void onEmissionTime(long time) {
        if (lastEmittedWatermark == Long.MAX_VALUE) {
            return;
        }
        // No record yet means no watermark; this also keeps the subtraction from underflowing.
        if (maxTimestamp != Long.MIN_VALUE) {
            long watermark = maxTimestamp - strategy.getMaxOutOfOrdernessMillis() - 1;
            if (watermark > lastEmittedWatermark) {
                lastEmittedWatermark = watermark;
                output.emitWatermark(watermark);
            }
        }
        checkIdleness(time);
        scheduleEmission(processingTimeService.getCurrentProcessingTime() + watermarkIntervalMillis);
    }

    private void checkIdleness(long time) {
        if (recordSinceLastCheck) {
            recordSinceLastCheck = false;
            lastActivityTime = time;
        } else if (!idle && strategy.getIdleTimeoutMillis() > 0 && time - lastActivityTime >= strategy.getIdleTimeoutMillis()) {
            idle = true;
            output.emitWatermarkStatus(WatermarkStatus.IDLE);
        }
    }

    private void scheduleEmission(long time) {
        nextEmission = processingTimeService.registerTimer(time, this::onEmissionTime);
    }

    private void cancelEmission() {
        if (nextEmission != null) {
            nextEmission.cancel(false);
            nextEmission = null;
        }
    }
}
