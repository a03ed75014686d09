package io.spindle.yarn.appmaster;

import io.spindle.deployment.YarnDeploymentConstants;
import java.util.HashMap;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.yarn.api.records.LocalResource;
import org.apache.hadoop.yarn.api.records.LocalResourceType;
import org.apache.hadoop.yarn.api.records.LocalResourceVisibility;
import org.apache.hadoop.yarn.api.records.URL;

/**
 * The files the client shipped (listed in {@link YarnDeploymentConstants#ENV_SHIPPED_FILES}),
 * registered again as local resources of each TaskManager container.
 */
final class ShippedFiles {
    private ShippedFiles() {}

    static Map<String, LocalResource> parse(String entries) {
        Map<String, LocalResource> resources = new HashMap<>();
        if (entries == null || entries.isBlank()) {
            return resources;
        }
        for (String entry : entries.split(";")) {
            if (entry.isBlank()) {
                continue;
            }
            String[] fields = entry.split("\\|");
            if (fields.length != 5) {
                throw new IllegalArgumentException("Malformed shipped file entry '" + entry
                        + "': expected name|uri|size|modificationTime|visibility");
            }
            resources.put(fields[0], LocalResource.newInstance(URL.fromPath(new Path(fields[1])), LocalResourceType.FILE,
                    LocalResourceVisibility.valueOf(fields[4]), Long.parseLong(fields[2]), Long.parseLong(fields[3])));
        }
        return resources;
    }
}
