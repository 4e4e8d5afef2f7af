package dev.bundleanalyzer.bundle;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.commons.compress.archivers.sevenz.SevenZArchiveEntry;
import org.apache.commons.compress.archivers.sevenz.SevenZOutputFile;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleReaderTest {

    private static final BundleLimits LIMITS = BundleLimits.DEFAULTS;

    @TempDir
    Path dir;

    /** Remembers what it was given; records = lines of text. */
    static final class Collecting implements EntryHandler {
        final Map<String, byte[]> contents = new ConcurrentHashMap<>();
        final Set<String> threads = ConcurrentHashMap.newKeySet();
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger mostRunning = new AtomicInteger();

        @Override
        public InventoryItem handle(BundleEntry entry, InputStream content) {
            threads.add(Thread.currentThread().getName());
            mostRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                try {
                    content.transferTo(out);
                } catch (IOException e) {
                    return InventoryItem.failed(entry.path(), "text", out.size(), e.getMessage());
                }
                contents.put(entry.path(), out.toByteArray());
                long lines = new String(out.toByteArray(), UTF_8).lines().count();
                return new InventoryItem(entry.path(), "text", "UTF-8", out.size(), lines,
                        InventoryItem.Status.PARSED, null);
            } finally {
                running.decrementAndGet();
            }
        }
    }

    private static Map<String, byte[]> sampleContent() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("Temp/CBEngineCurr.errlog", "10-02 03:04:05.678 ERROR CBEngine failed\n".repeat(200).getBytes(UTF_8));
        files.put("Logs/LastBackupFailedDetails.txt", "Backup failed: 0x07EE7\nsecond line\n".getBytes(UTF_8));
        files.put("Logs/empty.txt", new byte[0]);
        files.put("systeminfo.txt", randomText(new Random(7), 300_000).getBytes(UTF_8));
        return files;
    }

    // ---- same content in every form --------------------------------------------------------------

    @Test
    void zipTarTarGz7zAndFolderGiveTheSameEntries() throws Exception {
        Map<String, byte[]> files = sampleContent();
        List<Path> bundles = List.of(
                writeZip(dir.resolve("b.zip"), files),
                writeTar(dir.resolve("b.tar"), files, false),
                writeTar(dir.resolve("b.tgz"), files, true),
                write7z(dir.resolve("b.7z"), files));
        Path folder = writeFolder(dir.resolve("folder"), files);

        for (Path bundle : bundles) {
            Collecting handler = new Collecting();
            List<InventoryItem> items = new BundleReader(LIMITS, null).read(bundle, handler);
            assertEquals(List.copyOf(files.keySet()), paths(items), bundle.toString());
            assertContents(files, handler.contents, bundle.toString());
            assertTrue(items.stream().allMatch(i -> i.status() == InventoryItem.Status.PARSED), items.toString());
            assertEquals(200, items.get(0).records(), "the handler's item is returned as is");
        }
        Collecting handler = new Collecting();
        List<InventoryItem> items = new BundleReader(LIMITS, null).read(folder, handler);
        assertEquals(files.keySet().stream().sorted().toList(), paths(items), "folder entries are sorted");
        assertContents(files, handler.contents, "folder");
    }

    @Test
    void aBundleNamedLikeAnotherFormatIsReadByItsContent() throws Exception {
        Map<String, byte[]> files = sampleContent();
        Path misnamed = writeTar(dir.resolve("really-a-tgz.zip"), files, true);
        Collecting handler = new Collecting();
        List<InventoryItem> items = new BundleReader(LIMITS, null).read(misnamed, handler);
        assertEquals(List.copyOf(files.keySet()), paths(items));
        assertContents(files, handler.contents, "tar.gz named .zip");
    }

    // ---- nesting ---------------------------------------------------------------------------------

    @Test
    void nestedArchivesAreReadInPlaceWithBangPaths() throws Exception {
        byte[] more = zipBytes(Map.of("g.txt", "inner most\n".getBytes(UTF_8)));
        Map<String, byte[]> innerFiles = new LinkedHashMap<>();
        innerFiles.put("deep/f.txt", "deep file\n".getBytes(UTF_8));
        innerFiles.put("deep/more.zip", more);
        byte[] inner = zipBytes(innerFiles);
        byte[] sevenZ = Files.readAllBytes(write7z(dir.resolve("s.7z"), Map.of("in7z/h.txt", "from 7z\n".getBytes(UTF_8))));

        Map<String, byte[]> outer = new LinkedHashMap<>();
        outer.put("x/inner.zip", inner);
        outer.put("x/x.log.gz", gzip("gzipped log\n".getBytes(UTF_8)));
        outer.put("x/s.7z", sevenZ);
        outer.put("top.txt", "top\n".getBytes(UTF_8));
        Path bundle = writeTar(dir.resolve("a.tar.gz"), outer, true);

        Collecting handler = new Collecting();
        List<InventoryItem> items = new BundleReader(LIMITS, null).read(bundle, handler);

        assertEquals(List.of(
                "x/inner.zip", "x/inner.zip!/deep/f.txt", "x/inner.zip!/deep/more.zip", "x/inner.zip!/deep/more.zip!/g.txt",
                "x/x.log.gz", "x/x.log.gz!/x.log",
                "x/s.7z", "x/s.7z!/in7z/h.txt",
                "top.txt"), paths(items), "archive line first, then its entries, in archive order");
        assertEquals("deep file\n", text(handler, "x/inner.zip!/deep/f.txt"));
        assertEquals("inner most\n", text(handler, "x/inner.zip!/deep/more.zip!/g.txt"));
        assertEquals("gzipped log\n", text(handler, "x/x.log.gz!/x.log"));
        assertEquals("from 7z\n", text(handler, "x/s.7z!/in7z/h.txt"));
        assertFalse(handler.contents.containsKey("x/inner.zip"), "archives are not handed to the handler");

        InventoryItem innerLine = item(items, "x/inner.zip");
        assertEquals("zip", innerLine.kind());
        assertEquals(InventoryItem.Status.PARSED, innerLine.status());
        assertEquals(2, innerLine.records(), "entries directly inside");
        assertEquals("gzip", item(items, "x/x.log.gz").kind());
        assertEquals("7z", item(items, "x/s.7z").kind());
    }

    @Test
    void nestingDeeperThanTheLimitIsSkipped() throws Exception {
        byte[] level3 = zipBytes(Map.of("f.txt", "too deep\n".getBytes(UTF_8)));
        byte[] level2 = zipBytes(Map.of("l3.zip", level3));
        byte[] level1 = zipBytes(Map.of("l2.zip", level2));
        Path bundle = writeZip(dir.resolve("b.zip"), Map.of("l1.zip", level1));
        BundleLimits limits = new BundleLimits(2, 1000, 1L << 30, 1L << 30, 200, 1 << 20);

        Collecting handler = new Collecting();
        List<InventoryItem> items = new BundleReader(limits, null).read(bundle, handler);

        assertEquals(List.of("l1.zip", "l1.zip!/l2.zip", "l1.zip!/l2.zip!/l3.zip"), paths(items));
        InventoryItem tooDeep = item(items, "l1.zip!/l2.zip!/l3.zip");
        assertEquals(InventoryItem.Status.SKIPPED, tooDeep.status());
        assertEquals("nesting deeper than 2", tooDeep.reason());
        assertTrue(handler.contents.isEmpty());
    }

    // ---- damage ----------------------------------------------------------------------------------

    @Test
    void aCorruptEntryFailsAndTheOthersAreStillRead() throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("a.txt", "first\n".repeat(100).getBytes(UTF_8));
        files.put("b.txt", randomText(new Random(1), 200_000).getBytes(UTF_8));
        files.put("c.txt", "third\n".repeat(100).getBytes(UTF_8));
        Path bundle = writeZip(dir.resolve("b.zip"), files);
        long offset;
        long length;
        try (ZipFile zip = ZipFile.builder().setPath(bundle).get()) {
            ZipArchiveEntry b = zip.getEntry("b.txt");
            offset = b.getDataOffset();
            length = b.getCompressedSize();
        }
        try (RandomAccessFile file = new RandomAccessFile(bundle.toFile(), "rw")) {
            file.seek(offset + length / 2);
            byte[] junk = new byte[64];
            Arrays.fill(junk, (byte) 0xFF);
            file.write(junk);
        }

        Collecting handler = new Collecting();
        List<InventoryItem> items = new BundleReader(LIMITS, null).read(bundle, handler);

        assertEquals(List.of("a.txt", "b.txt", "c.txt"), paths(items));
        assertEquals(InventoryItem.Status.FAILED, item(items, "b.txt").status());
        assertNotNull(item(items, "b.txt").reason());
        assertArrayEquals(files.get("a.txt"), handler.contents.get("a.txt"));
        assertArrayEquals(files.get("c.txt"), handler.contents.get("c.txt"));
    }

    @Test
    void aTruncatedZipYieldsTheEntriesBeforeTheCutAndAFailedLine() throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        Random random = new Random(3);
        for (int i = 0; i < 6; i++) {
            byte[] data = new byte[50_000];
            random.nextBytes(data);
            files.put("part" + i + ".bin", data);
        }
        Path whole = writeZip(dir.resolve("whole.zip"), files);
        byte[] bytes = Files.readAllBytes(whole);
        Path bundle = Files.write(dir.resolve("cut.zip"), Arrays.copyOf(bytes, bytes.length / 2));

        Collecting handler = new Collecting();
        List<InventoryItem> items = new BundleReader(LIMITS, null).read(bundle, handler);

        InventoryItem bundleLine = items.get(0);
        assertEquals("cut.zip", bundleLine.path());
        assertEquals(InventoryItem.Status.FAILED, bundleLine.status());
        assertTrue(bundleLine.reason().contains("central directory"), bundleLine.reason());
        for (int i = 0; i < 2; i++) {
            String name = "part" + i + ".bin";
            assertEquals(InventoryItem.Status.PARSED, item(items, name).status(), name);
            assertArrayEquals(files.get(name), handler.contents.get(name));
        }
        assertFalse(paths(items).contains("part5.bin"), "nothing past the cut");
    }

    @Test
    void aHandlerThatThrowsFailsOnlyItsEntry() throws Exception {
        Path bundle = writeZip(dir.resolve("b.zip"), sampleContent());
        Collecting collecting = new Collecting();
        EntryHandler handler = (entry, content) -> {
            if (entry.path().endsWith(".errlog")) {
                throw new IllegalStateException("parser broke");
            }
            if (entry.path().endsWith("empty.txt")) {
                throw new NullPointerException();
            }
            return collecting.handle(entry, content);
        };
        List<InventoryItem> items = new BundleReader(LIMITS, null).read(bundle, handler);
        assertEquals(4, items.size());
        assertEquals("parser broke", item(items, "Temp/CBEngineCurr.errlog").reason());
        assertEquals(InventoryItem.Status.FAILED, item(items, "Temp/CBEngineCurr.errlog").status());
        assertEquals("NullPointerException", item(items, "Logs/empty.txt").reason());
        assertEquals(InventoryItem.Status.PARSED, item(items, "systeminfo.txt").status());
    }

    // ---- limits ----------------------------------------------------------------------------------

    @Test
    void aZipBombIsStoppedByTheRatioLimit() throws Exception {
        Path bundle = dir.resolve("bomb.zip");
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bundle)) {
            writeBomb(zip, 200);
            putEntry(zip, "ok.txt", "fine\n".getBytes(UTF_8));
        }
        assertTrue(Files.size(bundle) < 2 << 20, "the bomb is small on disk");

        AtomicLong seen = new AtomicLong();
        EntryHandler counting = (entry, content) -> {
            byte[] buffer = new byte[8192];
            long n = 0;
            try {
                for (int r; (r = content.read(buffer)) >= 0; ) {
                    n += r;
                }
            } catch (IOException e) {
                seen.addAndGet(n);
                return InventoryItem.failed(entry.path(), "binary", n, e.getMessage());
            }
            seen.addAndGet(n);
            return new InventoryItem(entry.path(), "text", null, n, 1, InventoryItem.Status.PARSED, null);
        };
        List<InventoryItem> items = new BundleReader(LIMITS, null).read(bundle, counting);

        InventoryItem bomb = item(items, "zeros.bin");
        assertEquals(InventoryItem.Status.FAILED, bomb.status());
        assertEquals("compression ratio above 200:1 after 16 MiB: stopped, not inflated further", bomb.reason());
        assertTrue(seen.get() < 20L << 20, "handler saw " + seen.get() + " bytes of 200 MiB");
        assertEquals(InventoryItem.Status.PARSED, item(items, "ok.txt").status());
    }

    @Test
    void aBombInsideANestedZipIsStoppedAndTheRestIsRead() throws Exception {
        // written to a file, the inner zip records sizes in its local headers: the bomb can be stepped over
        Path innerFile = dir.resolve("inner.zip");
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(innerFile)) {
            writeBomb(zip, 100);
            putEntry(zip, "after.txt", "after\n".getBytes(UTF_8));
        }
        Map<String, byte[]> outer = new LinkedHashMap<>();
        outer.put("inner.zip", Files.readAllBytes(innerFile));
        outer.put("z.txt", "z\n".getBytes(UTF_8));
        Path bundle = writeTar(dir.resolve("b.tar.gz"), outer, true);
        BundleLimits limits = new BundleLimits(5, 1000, 1L << 30, 1L << 30, 100, 1 << 20);

        Collecting handler = new Collecting();
        List<InventoryItem> items = new BundleReader(limits, null).read(bundle, handler);

        InventoryItem bomb = item(items, "inner.zip!/zeros.bin");
        assertEquals(InventoryItem.Status.FAILED, bomb.status());
        assertTrue(bomb.reason().startsWith("compression ratio above 100:1 after 1 MiB"), bomb.reason());
        assertEquals("after\n", text(handler, "inner.zip!/after.txt"));
        assertEquals("z\n", text(handler, "z.txt"));
        assertEquals(InventoryItem.Status.PARSED, item(items, "inner.zip").status());
    }

    @Test
    void aBombWithoutSizesInANestedZipStopsThatZipOnly() throws Exception {
        // written to a stream, sizes follow the data (data descriptor): stepping over the bomb would
        // mean inflating all of it, so the rest of that zip is given up and the zip's line says so
        ByteArrayOutputStream innerBytes = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(innerBytes)) {
            writeBomb(zip, 100);
            putEntry(zip, "after.txt", "after\n".getBytes(UTF_8));
        }
        Map<String, byte[]> outer = new LinkedHashMap<>();
        outer.put("inner.zip", innerBytes.toByteArray());
        outer.put("z.txt", "z\n".getBytes(UTF_8));
        Path bundle = writeZip(dir.resolve("b.zip"), outer);
        BundleLimits limits = new BundleLimits(5, 1000, 1L << 30, 1L << 30, 100, 1 << 20);

        Collecting handler = new Collecting();
        List<InventoryItem> items = new BundleReader(limits, null).read(bundle, handler);

        assertEquals(List.of("inner.zip", "inner.zip!/zeros.bin", "z.txt"), paths(items));
        assertEquals(InventoryItem.Status.FAILED, item(items, "inner.zip!/zeros.bin").status());
        InventoryItem inner = item(items, "inner.zip");
        assertEquals(InventoryItem.Status.FAILED, inner.status());
        assertTrue(inner.reason().startsWith("stopped at inner.zip!/zeros.bin (compression ratio above 100:1"), inner.reason());
        assertTrue(inner.reason().endsWith("further entries not read"), inner.reason());
        assertEquals("z\n", text(handler, "z.txt"));
    }

    private static void writeBomb(ZipArchiveOutputStream zip, int mebibytes) throws IOException {
        zip.putArchiveEntry(new ZipArchiveEntry("zeros.bin"));
        byte[] zeros = new byte[1 << 20];
        for (int i = 0; i < mebibytes; i++) {
            zip.write(zeros);
        }
        zip.closeArchiveEntry();
    }

    @Test
    void aBombInASolid7zStopsThat7z() throws Exception {
        Path bundle = dir.resolve("bomb.7z");
        try (SevenZOutputFile sevenZ = new SevenZOutputFile(bundle.toFile())) {
            SevenZArchiveEntry zeros = new SevenZArchiveEntry();
            zeros.setName("zeros.bin");
            sevenZ.putArchiveEntry(zeros);
            byte[] chunk = new byte[1 << 20];
            for (int i = 0; i < 100; i++) {
                sevenZ.write(chunk);
            }
            sevenZ.closeArchiveEntry();
            SevenZArchiveEntry ok = new SevenZArchiveEntry();
            ok.setName("ok.txt");
            sevenZ.putArchiveEntry(ok);
            sevenZ.write("ok\n".getBytes(UTF_8));
            sevenZ.closeArchiveEntry();
        }
        Collecting handler = new Collecting();
        List<InventoryItem> items = new BundleReader(LIMITS, null).read(bundle, handler);

        assertEquals(List.of("bomb.7z", "zeros.bin"), paths(items));
        assertEquals("compression ratio above 200:1 after 16 MiB: stopped, not inflated further",
                item(items, "zeros.bin").reason());
        assertEquals(InventoryItem.Status.FAILED, items.get(0).status());
        assertTrue(items.get(0).reason().startsWith("stopped at zeros.bin"), items.get(0).reason());
    }

    @Test
    void aLargeNested7zIsReadFromACopy() throws Exception {
        Path big = dir.resolve("big.7z");
        byte[] chunk = new byte[1 << 20];
        try (SevenZOutputFile sevenZ = new SevenZOutputFile(big.toFile())) {
            sevenZ.setContentCompression(org.apache.commons.compress.archivers.sevenz.SevenZMethod.COPY);
            SevenZArchiveEntry data = new SevenZArchiveEntry();
            data.setName("big.bin");
            sevenZ.putArchiveEntry(data);
            Random random = new Random(2);
            for (int i = 0; i < 70; i++) { // more than is copied into memory: goes through a temporary file
                random.nextBytes(chunk);
                sevenZ.write(chunk);
            }
            sevenZ.closeArchiveEntry();
            SevenZArchiveEntry text = new SevenZArchiveEntry();
            text.setName("t.txt");
            sevenZ.putArchiveEntry(text);
            sevenZ.write("t\n".getBytes(UTF_8));
            sevenZ.closeArchiveEntry();
        }
        Path bundle = dir.resolve("outer.zip");
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bundle)) {
            ZipArchiveEntry entry = new ZipArchiveEntry("x/big.7z");
            entry.setMethod(ZipArchiveEntry.STORED);
            zip.putArchiveEntry(entry);
            Files.copy(big, zip);
            zip.closeArchiveEntry();
        }
        AtomicLong bigBytes = new AtomicLong();
        EntryHandler handler = (entry, content) -> {
            try {
                long n = content.transferTo(OutputStream.nullOutputStream());
                if (entry.path().endsWith("big.bin")) {
                    bigBytes.set(n);
                }
                return new InventoryItem(entry.path(), "binary", null, n, 0, InventoryItem.Status.PARSED, null);
            } catch (IOException e) {
                return InventoryItem.failed(entry.path(), "binary", -1, e.getMessage());
            }
        };
        List<InventoryItem> items = new BundleReader(LIMITS, null).read(bundle, handler);

        assertEquals(List.of("x/big.7z", "x/big.7z!/big.bin", "x/big.7z!/t.txt"), paths(items));
        assertTrue(items.stream().allMatch(i -> i.status() == InventoryItem.Status.PARSED), items.toString());
        assertEquals(70L << 20, bigBytes.get());
        assertTrue(Files.size(big) > BundleReader.IN_MEMORY_7Z_BYTES);
    }

    @Test
    void anEntryLargerThanTheEntryLimitFails() throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("big.txt", randomText(new Random(5), 5000).getBytes(UTF_8));
        files.put("small.txt", "small\n".getBytes(UTF_8));
        Path bundle = writeTar(dir.resolve("b.tar"), files, false);
        BundleLimits limits = new BundleLimits(5, 1000, 1L << 30, 4096, 200, 1 << 20);

        List<InventoryItem> items = new BundleReader(limits, null).read(bundle, new Collecting());

        assertEquals(InventoryItem.Status.FAILED, item(items, "big.txt").status());
        assertEquals("entry larger than 4 KiB uncompressed: stopped, not read further", item(items, "big.txt").reason());
        assertEquals(InventoryItem.Status.PARSED, item(items, "small.txt").status());
    }

    @Test
    void aZipDeclaringMoreEntriesThanTheLimitIsStreamedNotHeldInMemory() throws Exception {
        Path bundle = dir.resolve("many.zip");
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bundle)) {
            zip.setUseZip64(org.apache.commons.compress.archivers.zip.Zip64Mode.Always);
            for (int i = 0; i < 3000; i++) {
                putEntry(zip, "e" + i + ".txt", ("entry " + i + "\n").getBytes(UTF_8));
            }
        }
        assertEquals(3000, ZipEnd.declaredEntries(bundle), "the zip64 end record is read");
        BundleLimits limits = new BundleLimits(5, 1000, 1L << 30, 1L << 30, 200, 1 << 20);
        List<InventoryItem> items = new BundleReader(limits, null).read(bundle, new Collecting());

        assertEquals(1001, items.size());
        assertEquals("entry limit 1000 reached; 2000 further entries not read", items.get(0).reason());
        assertEquals("e999.txt", items.get(1000).path());
    }

    @Test
    void theEntryLimitStopsReadingWithOneLine() throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (int i = 0; i < 10; i++) {
            files.put("f" + i + ".txt", ("file " + i + "\n").getBytes(UTF_8));
        }
        BundleLimits limits = new BundleLimits(5, 4, 1L << 30, 1L << 30, 200, 1 << 20);

        Collecting zipHandler = new Collecting();
        List<InventoryItem> zipItems = new BundleReader(limits, null).read(writeZip(dir.resolve("b.zip"), files), zipHandler);
        assertEquals(List.of("b.zip", "f0.txt", "f1.txt", "f2.txt", "f3.txt"), paths(zipItems));
        assertEquals(InventoryItem.Status.FAILED, zipItems.get(0).status());
        assertEquals("entry limit 4 reached; 6 further entries not read", zipItems.get(0).reason());
        assertEquals(4, zipHandler.contents.size());

        List<InventoryItem> tarItems = new BundleReader(limits, null).read(writeTar(dir.resolve("b.tar"), files, false),
                new Collecting());
        assertEquals(5, tarItems.size());
        assertEquals("entry limit 4 reached; further entries not read", tarItems.get(0).reason());
    }

    @Test
    void theTotalLimitStopsTheBundle() throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (int i = 0; i < 5; i++) {
            files.put("f" + i + ".txt", randomText(new Random(i), 3000).getBytes(UTF_8));
        }
        BundleLimits limits = new BundleLimits(5, 1000, 7000, 1L << 30, 200, 1 << 20);
        List<InventoryItem> items = new BundleReader(limits, null).read(writeZip(dir.resolve("b.zip"), files),
                new Collecting());

        assertEquals(List.of("b.zip", "f0.txt", "f1.txt", "f2.txt"), paths(items));
        assertEquals(InventoryItem.Status.FAILED, item(items, "f2.txt").status());
        assertTrue(items.get(0).reason().startsWith("bundle total of 7000 bytes uncompressed reached"), items.get(0).reason());
        assertTrue(items.get(0).reason().endsWith("2 further entries not read"), items.get(0).reason());
    }

    @Test
    void aBombSpreadOverManyEntriesIsStoppedByTheBundleRatio() throws Exception {
        // 42.zip-style: every entry stays under the entry ratio's grace, the bundle as a whole does not
        Path bundle = dir.resolve("spread.zip");
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bundle)) {
            for (int i = 0; i < 40; i++) {
                ZipArchiveEntry entry = new ZipArchiveEntry("zeros" + i + ".bin");
                zip.putArchiveEntry(entry);
                zip.write(new byte[512 << 10]);
                zip.closeArchiveEntry();
            }
        }
        BundleLimits limits = new BundleLimits(5, 1000, 1L << 30, 1L << 30, 100, 1 << 20);
        List<InventoryItem> items = new BundleReader(limits, null).read(bundle, new Collecting());

        InventoryItem whole = items.get(0);
        assertEquals("spread.zip", whole.path());
        assertTrue(whole.reason().startsWith("the bundle inflates to more than 100 times its "), whole.reason());
        assertTrue(whole.reason().endsWith("further entries not read"), whole.reason());
        assertEquals(InventoryItem.Status.PARSED, item(items, "zeros0.bin").status());
        long read = items.stream().filter(i -> i.status() == InventoryItem.Status.PARSED).count();
        assertTrue(read >= 2 && read < 40, read + " entries read before the bundle ratio stopped it");
    }

    @Test
    void anEntryPastItsTimeLimitFailsAndTheNextIsRead() throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("slow.txt", randomText(new Random(1), 200_000).getBytes(UTF_8));
        files.put("next.txt", "fine\n".getBytes(UTF_8));
        BundleLimits limits = BundleLimits.DEFAULTS.withTimes(Duration.ofMillis(200), Duration.ofMinutes(5));
        EntryHandler slow = (entry, content) -> {
            byte[] buffer = new byte[1024];
            long n = 0;
            try {
                for (int r; (r = content.read(buffer)) >= 0; n += r) {
                    if (entry.path().equals("slow.txt")) {
                        Thread.sleep(20);
                    }
                }
            } catch (IOException e) {
                return InventoryItem.failed(entry.path(), "text", n, e.getMessage());
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return new InventoryItem(entry.path(), "text", null, n, 1, InventoryItem.Status.PARSED, null);
        };
        List<InventoryItem> items = new BundleReader(limits, null).read(writeZip(dir.resolve("t.zip"), files), slow);

        InventoryItem stopped = item(items, "slow.txt");
        assertEquals(InventoryItem.Status.FAILED, stopped.status());
        assertTrue(stopped.reason().startsWith("the entry time limit of 200 ms was reached after "), stopped.reason());
        assertEquals(InventoryItem.Status.PARSED, item(items, "next.txt").status());
    }

    @Test
    void theBundleTimeLimitStopsEveryEntryAndNamesWhatWasNotRead() throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (int i = 0; i < 6; i++) {
            files.put("f" + i + ".txt", randomText(new Random(i), 3000).getBytes(UTF_8));
        }
        BundleLimits limits = BundleLimits.DEFAULTS.withTimes(Duration.ofMinutes(5), Duration.ofMillis(300));
        EntryHandler slow = (entry, content) -> {
            try {
                Thread.sleep(120);
                long n = content.transferTo(OutputStream.nullOutputStream());
                return new InventoryItem(entry.path(), "text", null, n, 1, InventoryItem.Status.PARSED, null);
            } catch (IOException e) {
                return InventoryItem.failed(entry.path(), "text", -1, e.getMessage());
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        };
        List<InventoryItem> items = new BundleReader(limits, null).read(writeZip(dir.resolve("t.zip"), files), slow);

        assertEquals("t.zip", items.get(0).path());
        String reason = items.get(0).reason();
        assertTrue(reason.startsWith("the bundle time limit of 300 ms was reached: stopped, not read further; "), reason);
        assertTrue(reason.endsWith(" further entries not read"), reason);
        assertEquals(InventoryItem.Status.PARSED, item(items, "f0.txt").status());
        assertTrue(items.stream().anyMatch(i -> i.status() == InventoryItem.Status.FAILED
                && i.reason().startsWith("the bundle time limit")), "the entry being read when time ran out says so");
        assertTrue(items.size() < 7, "not every entry was read: " + paths(items));
    }

    // ---- hostile names and special entries -------------------------------------------------------

    @Test
    void zipSlipNamesAreOnlyDisplayedNormalised() throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("../../evil.txt", "evil\n".getBytes(UTF_8));
        files.put("/abs.txt", "abs\n".getBytes(UTF_8));
        files.put("C:\\win.txt", "win\n".getBytes(UTF_8));
        files.put("..\\x", "x\n".getBytes(UTF_8));
        files.put("./dot/./y.txt", "y\n".getBytes(UTF_8));
        Path work = Files.createDirectories(dir.resolve("a/b"));
        Path bundle = writeZip(work.resolve("slip.zip"), files);
        Set<Path> before = listTree(dir);

        Collecting handler = new Collecting();
        List<InventoryItem> items = new BundleReader(LIMITS, null).read(bundle, handler);
        Path tgz = writeTar(work.resolve("slip.tgz"), files, true);
        List<InventoryItem> tarItems = new BundleReader(LIMITS, null).read(tgz, new Collecting());

        List<String> expected = List.of("../../evil.txt", "abs.txt", "win.txt", "../x", "dot/y.txt");
        assertEquals(expected, paths(items));
        assertEquals(expected, paths(tarItems));
        assertEquals("evil\n", text(handler, "../../evil.txt"));
        Set<Path> after = listTree(dir);
        after.remove(tgz);
        assertEquals(before, after, "reading wrote nothing");
        assertFalse(Files.exists(dir.resolve("evil.txt")));
        assertFalse(Files.exists(Path.of("evil.txt")));
        assertFalse(Files.exists(Path.of("/abs.txt")));
    }

    @Test
    void tarLinksAreSkipped() throws Exception {
        Path bundle = dir.resolve("links.tar");
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(Files.newOutputStream(bundle))) {
            putEntry(tar, "real.txt", "real\n".getBytes(UTF_8));
            TarArchiveEntry symlink = new TarArchiveEntry("link.txt", TarConstants.LF_SYMLINK);
            symlink.setLinkName("/etc/passwd");
            tar.putArchiveEntry(symlink);
            tar.closeArchiveEntry();
            TarArchiveEntry hardlink = new TarArchiveEntry("hard.txt", TarConstants.LF_LINK);
            hardlink.setLinkName("real.txt");
            tar.putArchiveEntry(hardlink);
            tar.closeArchiveEntry();
        }
        Collecting handler = new Collecting();
        List<InventoryItem> items = new BundleReader(LIMITS, null).read(bundle, handler);

        assertEquals(List.of("real.txt", "link.txt", "hard.txt"), paths(items));
        assertEquals(InventoryItem.Status.SKIPPED, item(items, "link.txt").status());
        assertEquals("symbolic link, not followed", item(items, "link.txt").reason());
        assertEquals("hard link, not followed", item(items, "hard.txt").reason());
        assertEquals(Set.of("real.txt"), handler.contents.keySet());
    }

    @Test
    void folderSymlinksAreSkipped() throws Exception {
        Path folder = writeFolder(dir.resolve("f"), Map.of("a.txt", "a\n".getBytes(UTF_8)));
        Path outside = Files.writeString(dir.resolve("outside.txt"), "secret\n");
        try {
            Files.createSymbolicLink(folder.resolve("b-link.txt"), outside);
        } catch (UnsupportedOperationException | IOException e) {
            return; // file system without symbolic links
        }
        Collecting handler = new Collecting();
        List<InventoryItem> items = new BundleReader(LIMITS, null).read(folder, handler);
        assertEquals(List.of("a.txt", "b-link.txt"), paths(items));
        assertEquals("symbolic link, not followed", item(items, "b-link.txt").reason());
        assertEquals(Set.of("a.txt"), handler.contents.keySet());
    }

    @Test
    void encryptedZipEntriesAreSkipped() throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("plain.txt", "plain\n".getBytes(UTF_8));
        files.put("secret.txt", "secret\n".getBytes(UTF_8));
        Path bundle = writeZip(dir.resolve("b.zip"), files);
        long local;
        try (ZipFile zip = ZipFile.builder().setPath(bundle).get()) {
            local = zip.getEntry("secret.txt").getLocalHeaderOffset();
        }
        byte[] bytes = Files.readAllBytes(bundle);
        bytes[(int) local + 6] |= 1; // general purpose flag, bit 0: encrypted
        int central = indexOf(bytes, new byte[] {'P', 'K', 1, 2}, 0);
        central = indexOf(bytes, new byte[] {'P', 'K', 1, 2}, central + 4); // second entry's central header
        bytes[central + 8] |= 1;
        Files.write(bundle, bytes);

        Collecting handler = new Collecting();
        List<InventoryItem> items = new BundleReader(LIMITS, null).read(bundle, handler);

        assertEquals(List.of("plain.txt", "secret.txt"), paths(items));
        assertEquals(InventoryItem.Status.SKIPPED, item(items, "secret.txt").status());
        assertTrue(item(items, "secret.txt").reason().contains("encrypted"));
        assertEquals(Set.of("plain.txt"), handler.contents.keySet());

        // the same entry inside a nested (streamed) zip
        Path outer = writeZip(dir.resolve("outer.zip"), Map.of("n.zip", bytes));
        List<InventoryItem> nested = new BundleReader(LIMITS, null).read(outer, new Collecting());
        assertEquals(InventoryItem.Status.SKIPPED, item(nested, "n.zip!/secret.txt").status());
        assertEquals(InventoryItem.Status.PARSED, item(nested, "n.zip!/plain.txt").status());
    }

    // ---- threads ---------------------------------------------------------------------------------

    @Test
    void aPoolGivesTheSameInventoryAsOneThread() throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        Random random = new Random(11);
        for (int i = 0; i < 40; i++) {
            files.put("logs/f" + i + ".log", randomText(random, 20_000 + random.nextInt(20_000)).getBytes(UTF_8));
            if (i == 20) {
                files.put("nested.zip", zipBytes(Map.of("n/a.txt", "a\n".getBytes(UTF_8), "n/b.txt", "b\n".getBytes(UTF_8))));
            }
        }
        Path bundle = writeZip(dir.resolve("b.zip"), files);
        Path folder = writeFolder(dir.resolve("folder"), files);

        List<InventoryItem> serial = new BundleReader(LIMITS, null).read(bundle, new Collecting());
        List<InventoryItem> serialFolder = new BundleReader(LIMITS, null).read(folder, new Collecting());
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Collecting handler = new Collecting();
            List<InventoryItem> parallel = new BundleReader(LIMITS, pool).read(bundle, handler);
            assertEquals(serial, parallel);
            assertEquals(43, parallel.size());
            assertFalse(handler.threads.contains(Thread.currentThread().getName()), "entries were handled by the pool");
            assertTrue(handler.mostRunning.get() <= 2, "at most pool-size entries at a time");

            assertEquals(serialFolder, new BundleReader(LIMITS, pool).read(folder, new Collecting()));
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- not a bundle ----------------------------------------------------------------------------

    @Test
    void aFileThatIsNoArchiveIsABundleException() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.zip"), "just some text, not an archive\n");
        BundleException e = assertThrows(BundleException.class,
                () -> new BundleReader(LIMITS, null).read(text, new Collecting()));
        assertTrue(e.getMessage().contains(text.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("not an archive"), e.getMessage());

        Path empty = Files.createFile(dir.resolve("empty.tar"));
        BundleException emptyFailure = assertThrows(BundleException.class,
                () -> new BundleReader(LIMITS, null).read(empty, new Collecting()));
        assertTrue(emptyFailure.getMessage().contains("empty"), emptyFailure.getMessage());
    }

    @Test
    void aNestedZipWithAZstandardEntryFailsThatZipOnly() throws Exception {
        // streaming a nested zip opens a Zstandard decoder as it reaches such an entry; none is on the class path
        java.io.ByteArrayOutputStream inner = new java.io.ByteArrayOutputStream();
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(inner)) {
            putEntry(zip, "before.txt", "read\n".getBytes(UTF_8));
            byte[] raw = "not really zstd data".getBytes(UTF_8);
            ZipArchiveEntry zstd = new ZipArchiveEntry("packed.errlog");
            zstd.setMethod(93);
            zstd.setSize(100);
            zstd.setCompressedSize(raw.length);
            zstd.setCrc(0);
            zip.addRawArchiveEntry(zstd, new java.io.ByteArrayInputStream(raw));
        }
        Path bundle = dir.resolve("outer.zip");
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bundle)) {
            putEntry(zip, "inner.zip", inner.toByteArray());
            putEntry(zip, "ok.txt", "fine\n".getBytes(UTF_8));
        }
        List<InventoryItem> items = new BundleReader(LIMITS, null).read(bundle, new Collecting());

        InventoryItem nested = item(items, "inner.zip");
        assertEquals(InventoryItem.Status.FAILED, nested.status());
        assertTrue(nested.reason().contains("compression method this build cannot read"), nested.reason());
        assertEquals(InventoryItem.Status.PARSED, item(items, "inner.zip!/before.txt").status());
        assertEquals(InventoryItem.Status.PARSED, item(items, "ok.txt").status());
    }

    @Test
    void anArchiveThatGivesNotOneEntryIsABundleException() throws Exception {
        byte[] garbage = new byte[4096];
        new Random(3).nextBytes(garbage);
        garbage[0] = 'P';
        garbage[1] = 'K';
        garbage[2] = 3;
        garbage[3] = 4;
        Path zip = Files.write(dir.resolve("broken.zip"), garbage);
        BundleException e = assertThrows(BundleException.class,
                () -> new BundleReader(LIMITS, null).read(zip, new Collecting()));
        assertTrue(e.getMessage().startsWith("cannot read bundle " + zip + ": zip central directory unreadable"),
                e.getMessage());
    }

    @Test
    void aMissingPathIsABundleException() {
        Path missing = dir.resolve("nope.zip");
        BundleException e = assertThrows(BundleException.class,
                () -> new BundleReader(LIMITS, null).read(missing, new Collecting()));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("not found"), e.getMessage());
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private static List<String> paths(List<InventoryItem> items) {
        return items.stream().map(InventoryItem::path).toList();
    }

    private static InventoryItem item(List<InventoryItem> items, String path) {
        return items.stream().filter(i -> i.path().equals(path)).findFirst()
                .orElseThrow(() -> new AssertionError("no line for " + path + " in " + paths(items)));
    }

    private static String text(Collecting handler, String path) {
        byte[] bytes = handler.contents.get(path);
        assertNotNull(bytes, "handler never saw " + path + "; saw " + handler.contents.keySet());
        return new String(bytes, UTF_8);
    }

    private static void assertContents(Map<String, byte[]> expected, Map<String, byte[]> actual, String what) {
        assertEquals(expected.keySet(), actual.keySet(), what);
        for (Map.Entry<String, byte[]> e : expected.entrySet()) {
            assertArrayEquals(e.getValue(), actual.get(e.getKey()));
        }
    }

    private static void assertArrayEquals(byte[] expected, byte[] actual) {
        org.junit.jupiter.api.Assertions.assertArrayEquals(expected, actual);
    }

    private static String randomText(Random random, int length) {
        String[] words = {"backup", "0x07EE7", "CBEngine", "volume", "snapshot", "failed", "VSS", "retry", "job", "ok"};
        StringBuilder text = new StringBuilder(length + 16);
        while (text.length() < length) {
            text.append(words[random.nextInt(words.length)]).append(random.nextInt(100000))
                    .append(random.nextInt(8) == 0 ? '\n' : ' ');
        }
        return text.toString();
    }

    private static Path writeZip(Path file, Map<String, byte[]> files) throws IOException {
        Files.write(file, zipBytes(files));
        return file;
    }

    private static byte[] zipBytes(Map<String, byte[]> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : files.entrySet()) {
                putEntry(zip, e.getKey(), e.getValue());
            }
        }
        return bytes.toByteArray();
    }

    private static void putEntry(ZipArchiveOutputStream zip, String name, byte[] data) throws IOException {
        ZipArchiveEntry entry = new ZipArchiveEntry(name);
        entry.setSize(data.length);
        zip.putArchiveEntry(entry);
        zip.write(data);
        zip.closeArchiveEntry();
    }

    private static Path writeTar(Path file, Map<String, byte[]> files, boolean gzip) throws IOException {
        try (OutputStream out = gzip ? new GzipCompressorOutputStream(Files.newOutputStream(file)) : Files.newOutputStream(file);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Map.Entry<String, byte[]> e : files.entrySet()) {
                putEntry(tar, e.getKey(), e.getValue());
            }
        }
        return file;
    }

    private static void putEntry(TarArchiveOutputStream tar, String name, byte[] data) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name, true);
        entry.setSize(data.length);
        tar.putArchiveEntry(entry);
        tar.write(data);
        tar.closeArchiveEntry();
    }

    private static Path write7z(Path file, Map<String, byte[]> files) throws IOException {
        try (SevenZOutputFile sevenZ = new SevenZOutputFile(file.toFile())) {
            for (Map.Entry<String, byte[]> e : files.entrySet()) {
                SevenZArchiveEntry entry = new SevenZArchiveEntry();
                entry.setName(e.getKey());
                entry.setSize(e.getValue().length);
                entry.setHasStream(e.getValue().length > 0);
                sevenZ.putArchiveEntry(entry);
                sevenZ.write(e.getValue());
                sevenZ.closeArchiveEntry();
            }
        }
        return file;
    }

    private static Path writeFolder(Path folder, Map<String, byte[]> files) throws IOException {
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            Path file = folder.resolve(e.getKey());
            Files.createDirectories(file.getParent());
            Files.write(file, e.getValue());
        }
        return folder;
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GzipCompressorOutputStream gz = new GzipCompressorOutputStream(bytes)) {
            gz.write(data);
        }
        return bytes.toByteArray();
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }

    private static Set<Path> listTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.collect(Collectors.toCollection(java.util.TreeSet::new));
        }
    }
}
