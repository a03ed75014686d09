package io.spindle.runtime.jobmaster;

import java.time.Duration;

/** Timing of a JobMaster: how long to wait for slots and how to watch its TaskManagers. */
public record JobMasterConfiguration(Duration slotRequestTimeout, Duration heartbeatInterval, Duration heartbeatTimeout) {}
