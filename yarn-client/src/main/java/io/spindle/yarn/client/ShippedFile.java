package io.spindle.yarn.client;

import java.net.URI;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.yarn.api.records.LocalResource;
import org.apache.hadoop.yarn.api.records.LocalResourceType;
import org.apache.hadoop.yarn.api.records.LocalResourceVisibility;
import org.apache.hadoop.yarn.api.records.URL;

/**
 * A file a container gets in its working directory under {@link #name}, localized by the
 * NodeManager from {@link #uri}; size and modification time must match the file's status, or
 * localization fails.
 */
record ShippedFile(String name, URI uri, long size, long modificationTime, LocalResourceVisibility visibility) {

    static ShippedFile of(String name, FileStatus status, LocalResourceVisibility visibility) {
        return new ShippedFile(name, status.getPath().toUri(), status.getLen(), status.getModificationTime(), visibility);
    }

    LocalResource toLocalResource() {
        return LocalResource.newInstance(URL.fromPath(new Path(uri)), LocalResourceType.FILE, visibility,
                size, modificationTime);
    }

    /** The format of {@link io.spindle.deployment.YarnDeploymentConstants#ENV_SHIPPED_FILES}. */
    String encode() {
        return name + '|' + uri + '|' + size + '|' + modificationTime + '|' + visibility.name();
    }

    static String encodeAll(List<ShippedFile> files) {
        return files.stream().map(ShippedFile::encode).collect(Collectors.joining(";"));
    }
}
