package dev.bundleanalyzer.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

class BlockPackerTest {

    @Test
    void repetitiveBlocksAreCompressedAndComeBackWhole() {
        BytesRef events = new BytesRef("NORMAL\tBackup job started for policy 42\n".repeat(400)
                .getBytes(StandardCharsets.UTF_8));
        BytesRef packed = new BlockPacker().pack(events);
        assertTrue(packed.length < events.length / 5, "compressed to " + packed.length);
        assertEquals(events, BlockPacker.unpack(packed));
    }

    @Test
    void blocksThatDoNotShrinkAreStoredAsTheyAreAndTheNextOnesAreNotTried() {
        BlockPacker packer = new BlockPacker();
        Random random = new Random(1);
        byte[] noise = new byte[50_000];
        random.nextBytes(noise);
        BytesRef first = packer.pack(new BytesRef(noise));
        assertEquals(noise.length + 1, first.length, "stored as it is");
        assertEquals(new BytesRef(noise), BlockPacker.unpack(first));
        BytesRef repetitive = new BytesRef("x".repeat(50_000).getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < BlockPacker.PAUSE; i++) {
            assertEquals(50_001, packer.pack(repetitive).length, "paused after a block that did not shrink");
        }
        assertTrue(packer.pack(repetitive).length < 1000, "tried again after the pause");
    }

    @Test
    void aDamagedValueIsRefused() {
        BytesRef packed = new BlockPacker().pack(new BytesRef("abc".repeat(1000).getBytes(StandardCharsets.UTF_8)));
        packed.bytes[packed.offset] = 7;
        assertThrows(IllegalStateException.class, () -> BlockPacker.unpack(packed));
        assertThrows(IllegalStateException.class, () -> BlockPacker.unpack(new BytesRef(new byte[0])));
    }
}
