package dev.bundleanalyzer.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Whatever name a client sends, the upload is kept under one plain file name inside its job's folder. */
class UploadNamesTest {

    @Test
    void aClaimedNameBecomesOnePlainFileName() {
        assertEquals("contoso-fs01-bundle.zip", UploadNames.safe("contoso-fs01-bundle.zip"));
        assertEquals("passwd", UploadNames.safe("../../etc/passwd"));
        assertEquals("bundle.zip", UploadNames.safe("C:\\Users\\me\\Desktop\\bundle.zip"));
        assertEquals("_htaccess", UploadNames.safe(".htaccess"));
        assertEquals("a_b_c_.zip", UploadNames.safe("a b<c>.zip"));
        assertEquals("_.", UploadNames.safe(".."));
        assertEquals("bundle", UploadNames.safe(""));
        assertEquals("bundle", UploadNames.safe("dir/"));
        assertEquals("bundle", UploadNames.safe(null));
        String longName = UploadNames.safe("x".repeat(300) + ".tar.gz");
        assertEquals(100, longName.length());
        assertTrue(longName.endsWith(".tar.gz"), "the extension is kept");
        for (String claimed : new String[] {"../../etc/passwd", ".htaccess", "..", "", "a\u0000b", "\u00e9t\u00e9.zip"}) {
            assertTrue(UploadNames.isSafe(UploadNames.safe(claimed)), claimed);
        }
    }

    @Test
    void onlyPlainNamesPassAsSafe() {
        assertFalse(UploadNames.isSafe(".."));
        assertFalse(UploadNames.isSafe("../x"));
        assertFalse(UploadNames.isSafe("a/b"));
        assertFalse(UploadNames.isSafe(".hidden"));
        assertFalse(UploadNames.isSafe(null));
        assertFalse(UploadNames.isSafe(""));
    }
}
