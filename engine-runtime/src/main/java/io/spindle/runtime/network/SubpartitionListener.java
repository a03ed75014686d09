package io.spindle.runtime.network;

/** Told, from the producer's thread, that a reader that found nothing now has data or an error. */
@FunctionalInterface
interface SubpartitionListener {
    void notifyDataAvailable();
}
