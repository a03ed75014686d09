package io.spindle.runtime.checkpoint.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spindle.runtime.checkpoint.proto.KeyGroupsStateHandle;
import io.spindle.runtime.state.KeyGroupConsumer;
import io.spindle.runtime.state.KeyGroupRange;
import io.spindle.runtime.state.KeyedStateSnapshot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A keyed-state file holds the key groups back to back; a restore reads the ones of its range, in order. */
class KeyedStateFilesTest {
    @TempDir
    java.nio.file.Path directory;

    @Test
    void theKeyGroupsOfAnyRangeComeBackInOrderWithTheirBytes() throws Exception {
        Map<Integer, String> contents = new LinkedHashMap<>();
        for (int keyGroup = 20; keyGroup < 36; keyGroup++) {
            // Some key groups are empty, one is far larger than the others.
            contents.put(keyGroup, keyGroup % 4 == 0 ? "" : ("group " + keyGroup).repeat(keyGroup == 27 ? 50_000 : 3));
        }
        KeyGroupsStateHandle handle = KeyedStateFiles.write(file(), new FixedSnapshot(20, contents));

        assertThat(read(handle, new KeyGroupRange(0, 127))).isEqualTo(contents);
        Map<Integer, String> middle = new LinkedHashMap<>();
        for (int keyGroup = 25; keyGroup <= 30; keyGroup++) {
            middle.put(keyGroup, contents.get(keyGroup));
        }
        assertThat(read(handle, new KeyGroupRange(25, 30))).isEqualTo(middle);
        assertThat(read(handle, new KeyGroupRange(0, 19))).isEmpty();
        assertThat(read(handle, new KeyGroupRange(35, 40))).containsOnlyKeys(35);
    }

    @Test
    void aMissingFileNamesItself() throws Exception {
        Path file = file();
        KeyGroupsStateHandle handle = KeyedStateFiles.write(file, new FixedSnapshot(0, Map.of(0, "state")));
        Files.delete(directory.resolve("keyed"));

        assertThatThrownBy(() -> read(handle, new KeyGroupRange(0, 0)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("Could not read keyed state from")
                .hasMessageContaining("keyed");
    }

    @Test
    void aTruncatedFileFailsTheRead() throws Exception {
        KeyGroupsStateHandle handle = KeyedStateFiles.write(file(), new FixedSnapshot(0, Map.of(0, "a", 1, "bbbb")));
        KeyGroupsStateHandle longer = handle.toBuilder().setSize(handle.getSize() + 10).build();

        List<Integer> consumed = new ArrayList<>();
        assertThatThrownBy(() -> KeyedStateFiles.read(longer, new KeyGroupRange(0, 1),
                (keyGroup, bytes, offset, length) -> consumed.add(keyGroup)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("Could not read keyed state from");
        assertThat(consumed).containsExactly(0);
    }

    private Path file() {
        return new Path(directory.resolve("keyed").toUri());
    }

    private static Map<Integer, String> read(KeyGroupsStateHandle handle, KeyGroupRange range) throws IOException {
        Map<Integer, String> keyGroups = new LinkedHashMap<>();
        KeyedStateFiles.read(handle, range, (keyGroup, bytes, offset, length) ->
                keyGroups.put(keyGroup, new String(bytes, offset, length, StandardCharsets.UTF_8)));
        return keyGroups;
    }

    /** Key groups with given contents, written in order. */
    private record FixedSnapshot(int first, Map<Integer, String> contents) implements KeyedStateSnapshot {
        @Override
        public int firstKeyGroup() {
            return first;
        }

        @Override
        public int numberOfKeyGroups() {
            return contents.size();
        }

        @Override
        public boolean isEmpty() {
            return false;
        }

        @Override
        public void writeKeyGroups(KeyGroupConsumer consumer) throws IOException {
            for (int keyGroup = first; keyGroup < first + contents.size(); keyGroup++) {
                byte[] bytes = contents.get(keyGroup).getBytes(StandardCharsets.UTF_8);
                consumer.accept(keyGroup, bytes, 0, bytes.length);
            }
        }

        @Override
        public void release() {}
    }
}
