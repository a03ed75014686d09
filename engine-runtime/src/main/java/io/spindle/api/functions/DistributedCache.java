package io.spindle.api.functions;

import java.io.File;

/** The files a job registered with {@code registerCachedFile}, as local copies on the TaskManager. */
public interface DistributedCache {
    /**
     * The local copy of the file registered under {@code name}, fetched on first use; an unknown
     * name fails with a message listing the registered ones.
     */
    File getFile(String name);
}
