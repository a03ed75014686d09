package io.spindle.runtime.resourcemanager;

/** Standalone and local clusters: workers start by themselves and register; nothing to request. */
public final class StandaloneResourceDriver implements ResourceDriver {
    @Override
    public void initialize(ResourceEventHandler handler) {}

    @Override
    public void requestWorkers(int count) {}

    @Override
    public void releaseWorker(String resourceId) {}
}
