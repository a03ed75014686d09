package io.spindle.runtime.jobmanager;

import io.spindle.runtime.dispatcher.DispatcherGateway;
import io.spindle.runtime.resourcemanager.ResourceManagerGateway;
import java.util.UUID;

/** The gateways to the Dispatcher and ResourceManager of one leader session of a JobManager. */
public record LeaderGateways(UUID sessionId, DispatcherGateway dispatcher, ResourceManagerGateway resourceManager) {}
