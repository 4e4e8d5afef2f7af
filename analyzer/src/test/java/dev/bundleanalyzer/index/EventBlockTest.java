package dev.bundleanalyzer.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.bundleanalyzer.parse.LogEvent;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

class EventBlockTest {

    @Test
    void eventsComeBackAsTheyWereWithTimesToTheMillisecond() {
        List<LogEvent> events = BlockSearchAgreementTest.events(new Random(5), 300).stream()
                .filter(e -> e.file().equals("Temp/CBEngine1.errlog")).toList();
        LogEvent odd = LogEvent.builder("Temp/CBEngine1.errlog", 9_000_000_000L).time(Instant.parse(
                        "1601-01-01T00:00:00.123456789Z")).timeText("01/01 00:00").source("src").activityId("{a}")
                .channel("c").computer("host").errorCodes(List.of("0x1FC07", "34513")).message("not in raw")
                .raw("line 1\r\n  at x()").build();
        List<LogEvent> all = new java.util.ArrayList<>(events);
        all.add(odd);
        all.add(LogEvent.builder("Temp/CBEngine1.errlog", 1).build());
        List<LogEvent> back = EventBlock.decode(BlockPacker.unpack(new BlockPacker().pack(EventBlock.encode(all))));
        assertEquals(all.size(), back.size());
        for (int i = 0; i < all.size(); i++) {
            LogEvent e = all.get(i);
            Instant millis = e.time() == null ? null : Instant.ofEpochMilli(e.time().toEpochMilli());
            assertEquals(new LogEvent(e.file(), e.line(), e.record(), millis, e.timeText(), e.timeAssumed(), e.level(),
                    e.component(), e.process(), e.thread(), e.source(), e.activityId(), e.errorCodes(), e.message(),
                    e.raw(), e.channel(), e.eventId(), e.computer()), back.get(i));
        }
    }

    @Test
    void aDamagedValueIsRefusedNotMisread() {
        BytesRef value = EventBlock.encode(BlockSearchAgreementTest.events(new Random(1), 20));
        BytesRef cut = new BytesRef(value.bytes, value.offset, value.length / 2);
        assertThrows(IllegalStateException.class, () -> EventBlock.decode(cut));
    }
}
