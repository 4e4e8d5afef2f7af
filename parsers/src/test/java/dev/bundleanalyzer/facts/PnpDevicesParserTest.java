package dev.bundleanalyzer.facts;

import static dev.bundleanalyzer.facts.FactSampleChecks.assertFact;
import static dev.bundleanalyzer.facts.FactSampleChecks.assertFactAt;
import static dev.bundleanalyzer.facts.FactSampleChecks.detect;
import static dev.bundleanalyzer.facts.FactSampleChecks.read;
import static dev.bundleanalyzer.facts.FactSampleChecks.readText;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bundleanalyzer.parse.CollectingSink;
import dev.bundleanalyzer.parse.Samples;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class PnpDevicesParserTest {

    private static final String ISCSI = "device.root\\iscsiprt\\0000";

    private final PnpDevicesParser parser = new PnpDevicesParser();

    @Test
    void pnputilInUtf16() throws IOException {
        CollectingSink sink = read(parser, "pnp-pnputil.txt", "commands/output_11.txt", "UTF-16LE-BOM");
        assertFact(sink, ISCSI + ".description", "Unknown device", 5);
        assertFact(sink, ISCSI + ".status", "Problem", 9);
        assertFact(sink, ISCSI + ".problem", "28 (0x1C) [CM_PROB_FAILED_INSTALL]", 10);
        assertFact(sink, "device.acpi\\pnp0b00\\4&2f3ab4c&0.description", "System CMOS/real time clock", 14);
        assertFact(sink, "device.acpi\\pnp0b00\\4&2f3ab4c&0.status", "Started", 18);
        assertFact(sink, "device.usb\\vid_0781&pid_5581\\4c530001130819111220.description",
                "USB Mass Storage Device", 22);
        assertFact(sink, "device.usb\\vid_0781&pid_5581\\4c530001130819111220.status", "Disconnected", 26);
        assertEquals(7, sink.facts.size());
        assertEquals(90, detect(parser, "output_11.txt", Samples.text("facts", "pnp-pnputil.txt")));
    }

    @Test
    void pnputilKoreanInCp949() throws IOException {
        CollectingSink sink = read(parser, "pnp-pnputil-ko.txt", "commands/pnputil.txt", "CP949");
        assertFact(sink, ISCSI + ".description", "알 수 없는 장치", 5);
        assertFact(sink, ISCSI + ".status", "문제", 9);
        assertFact(sink, ISCSI + ".problem", "28 (0x1C) [CM_PROB_FAILED_INSTALL]", 10);
        String nic = "device.pci\\ven_8086&dev_10d3&subsys_07d015ad&rev_00\\000c29ffff8a1b2c00";
        assertFact(sink, nic + ".description", "Intel(R) 82574L 기가비트 네트워크 연결", 14);
        assertFact(sink, nic + ".status", "시작됨", 18);
        assertEquals(5, sink.facts.size());
    }

    @Test
    void getPnpDeviceTableAndListInWindows1252() throws IOException {
        CollectingSink sink = read(parser, "pnp-getpnpdevice.txt", "commands/devices.txt", "windows-1252");
        // blank Class cell
        assertFactAt(sink, ISCSI + ".status", "Unknown", 5);
        assertFactAt(sink, ISCSI + ".description", "Microsoft iSCSI Initiator", 5);
        String nic = "device.pci\\ven_8086&dev_10d3&subsys_07d015ad&rev_00\\000c29ffff8a1b2c01";
        assertFact(sink, nic + ".status", "Error", 6);
        assertFact(sink, nic + ".description", "Intel(R) 82574L Gigabit Network Connection #2", 6);
        String disk = "device.scsi\\disk&ven_msft&prod_virtual_disk\\2&1f4adffe&0&000001";
        assertFact(sink, disk + ".status", "OK", 7);
        assertFact(sink, disk + ".description", "Msft Virtual Disk", 7);
        // the Format-List block of the same device
        assertFactAt(sink, ISCSI + ".status", "Unknown", 16);
        assertFactAt(sink, ISCSI + ".description", "Microsoft iSCSI Initiator", 20);
        assertFact(sink, ISCSI + ".problem", "CM_PROB_PHANTOM", 22);
        assertEquals(9, sink.facts.size());
    }

    @Test
    void pnputilInAnotherLanguageIsReadByShape() throws IOException {
        String text = "Utilitaire PnP Microsoft\r\n\r\n"
                + "ID d'instance :               ROOT\\ISCSIPRT\\0000\r\n"
                + "Description du périphérique : Périphérique inconnu\r\n"
                + "Nom de classe :               Unknown\r\n"
                + "GUID de classe :              {00000000-0000-0000-0000-000000000000}\r\n"
                + "Nom du fabricant :\r\n"
                + "État :                        Problème\r\n"
                + "Code du problème :            28 (0x1C) [CM_PROB_FAILED_INSTALL]\r\n"
                + "Nom du pilote :\r\n";
        assertEquals(80, detect(parser, "pnp.txt", text));
        CollectingSink sink = readText(parser, text, "pnp.txt", "windows-1252");
        assertFact(sink, ISCSI + ".description", "Périphérique inconnu", 4);
        assertFact(sink, ISCSI + ".status", "Problème", 8);
        assertFact(sink, ISCSI + ".problem", "28 (0x1C) [CM_PROB_FAILED_INSTALL]", 9);
        assertEquals(3, sink.facts.size());
    }

    @Test
    void headerWithoutRowsIs70() {
        assertEquals(70, detect(parser, "x.txt", "Status     Class           FriendlyName        InstanceId\r\n"
                + "------     -----           ------------        ----------\r\n"));
    }

    @Test
    void nearMissIsNotClaimed() throws IOException {
        String text = Samples.text("facts", "pnp-nearmiss.txt");
        assertTrue(detect(parser, "output_12.txt", text) < 50);
        assertNotEquals(parser.kind(), FactSampleChecks.detectedKind("output_12.txt", text, "UTF-16LE-BOM"));
        CollectingSink sink = new CollectingSink();
        assertEquals(0, parser.parse(Samples.input("x.txt", null, Samples.encode(text, "UTF-8")), sink));
    }

    @Test
    void otherSamplesAreNotClaimed() {
        for (String name : FactSampleChecks.otherSamples("pnp-")) {
            int c = detect(parser, "output.txt", FactSampleChecks.otherSampleText(name));
            assertTrue(c < 50, name + " claimed with " + c);
        }
    }
}
