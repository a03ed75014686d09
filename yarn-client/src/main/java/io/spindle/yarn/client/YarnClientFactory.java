package io.spindle.yarn.client;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.yarn.client.api.YarnClient;

/** Creates the started {@link YarnClient} a {@link YarnClusterDescriptor} talks to the ResourceManager with. */
@FunctionalInterface
public interface YarnClientFactory {
    /** The default: {@link YarnClient#createYarnClient()}, initialised with the configuration and started. */
    YarnClientFactory DEFAULT = configuration -> {
        YarnClient client = YarnClient.createYarnClient();
        client.init(configuration);
        client.start();
        return client;
    };

    /** Returns a started client; the descriptor stops it when it is closed. */
    YarnClient create(Configuration hadoopConfiguration);
}
