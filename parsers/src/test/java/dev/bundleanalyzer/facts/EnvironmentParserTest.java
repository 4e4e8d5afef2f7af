package dev.bundleanalyzer.facts;

import static dev.bundleanalyzer.facts.SampleChecks.all;
import static dev.bundleanalyzer.facts.SampleChecks.assertFact;
import static dev.bundleanalyzer.facts.SampleChecks.detect;
import static dev.bundleanalyzer.facts.SampleChecks.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bundleanalyzer.parse.CollectingSink;
import dev.bundleanalyzer.parse.Samples;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnvironmentParserTest {

    private static final String AGENT_MODULES = "C:\\Program Files\\Microsoft Azure Recovery Services Agent\\bin\\Modules";

    @Test
    void cmdSetInKoreanCodePage() throws IOException {
        CollectingSink sink = parse("environment-set.txt", "CP949", "environment");
        assertFact(sink, "env.allusersprofile", "C:\\ProgramData", 2);
        assertFact(sink, "env.appdata", "C:\\Users\\관리자\\AppData\\Roaming", 3);
        assertFact(sink, "env.commonprogramfiles(x86)", "C:\\Program Files (x86)\\Common Files", 4);
        assertFact(sink, "env.computername", "WIN-SRV01", 5);
        assertFact(sink, "env.comspec", "C:\\Windows\\system32\\cmd.exe", 6);
        assertFact(sink, "env.path", "C:\\Windows\\system32;C:\\Windows;C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\", 7);
        assertFact(sink, "env.psmodulepath", "C:\\Program Files\\WindowsPowerShell\\Modules;"
                + "C:\\Windows\\system32\\WindowsPowerShell\\v1.0\\Modules; ;" + AGENT_MODULES + "\\", 8);
        assertEquals(List.of("C:\\Program Files\\WindowsPowerShell\\Modules@8",
                "C:\\Windows\\system32\\WindowsPowerShell\\v1.0\\Modules@8", AGENT_MODULES + "\\@8"),
                all(sink, "env.psmodulepath.entry"));
        assertFact(sink, "env.username", "관리자", 9);
        assertFact(sink, "env.windir", "C:\\Windows", 10);
        assertEquals(List.of(), all(sink, "env.psmodulepath.truncated"));
        assertEquals(12, sink.facts.size(), sink.facts.toString());
    }

    @Test
    void getChildItemEnvTableCutWithDots() throws IOException {
        CollectingSink sink = parse("environment-env-table.txt", "UTF-16LE-BOM", "environment");
        assertFact(sink, "env.allusersprofile", "C:\\ProgramData", 4);
        assertFact(sink, "env.computername", "WIN-SRV01", 5);
        assertFact(sink, "env.path", "C:\\Windows\\system32;C:\\Windows;C:\\Windows\\System32\\Wbem;C:\\Windows\\System32\\...", 6);
        assertFact(sink, "env.psmodulepath",
                "C:\\Users\\admin\\Documents\\WindowsPowerShell\\Modules;C:\\Program Files\\WindowsPo...", 7);
        // the cut last item is not an entry
        assertEquals(List.of("C:\\Users\\admin\\Documents\\WindowsPowerShell\\Modules@7"), all(sink, "env.psmodulepath.entry"));
        assertFact(sink, "env.psmodulepath.truncated", "true", 7);
        assertFact(sink, "env.windir", "C:\\Windows", 8);
        assertEquals(7, sink.facts.size(), sink.facts.toString());
    }

    @Test
    void getChildItemEnvTableWrapped() throws IOException {
        CollectingSink sink = parse("environment-env-wrap.txt", "UTF-16LE-BOM", "environment");
        assertFact(sink, "env.psmodulepath", "C:\\Program Files\\WindowsPowerShell\\Modules;"
                + "C:\\Windows\\system32\\WindowsPowerShell\\v1.0\\Modules;" + AGENT_MODULES, 5);
        assertEquals(List.of("C:\\Program Files\\WindowsPowerShell\\Modules@5",
                "C:\\Windows\\system32\\WindowsPowerShell\\v1.0\\Modules@5", AGENT_MODULES + "@5"),
                all(sink, "env.psmodulepath.entry"));
        assertFact(sink, "env.temp", "C:\\Windows\\TEMP", 8);
        assertFact(sink, "env.tmp", "C:\\Windows\\TEMP", 9);
        assertEquals(6, sink.facts.size(), sink.facts.toString());
    }

    @Test
    void barePsModulePath() throws IOException {
        for (String encoding : List.of("windows-1252", "UTF-16LE-BOM")) {
            CollectingSink sink = parse("environment-modulepath.txt", encoding, "environment");
            assertFact(sink, "env.psmodulepath", "C:\\Program Files\\WindowsPowerShell\\Modules;"
                    + "C:\\WINDOWS\\system32\\WindowsPowerShell\\v1.0\\Modules;" + AGENT_MODULES + "\\MSOnlineBackup", 1);
            assertEquals(List.of("C:\\Program Files\\WindowsPowerShell\\Modules@1",
                    "C:\\WINDOWS\\system32\\WindowsPowerShell\\v1.0\\Modules@1", AGENT_MODULES + "\\MSOnlineBackup@1"),
                    all(sink, "env.psmodulepath.entry"));
            assertEquals(4, sink.facts.size(), sink.facts.toString());
        }
    }

    @Test
    void detection() {
        EnvironmentParser p = new EnvironmentParser();
        assertEquals(90, detect(p, "env.txt", Samples.text("facts", "environment-set.txt")));
        assertEquals(90, detect(p, "env.txt", Samples.text("facts", "environment-env-table.txt")));
        assertEquals(90, detect(p, "env.txt", Samples.text("facts", "environment-env-wrap.txt")));
        assertEquals(80, detect(p, "env.txt", Samples.text("facts", "environment-modulepath.txt")));
        assertEquals(90, detect(p, "x.txt", "PSModulePath=C:\\Windows\\system32\\WindowsPowerShell\\v1.0\\Modules\r\n"));
        // near misses: an ini file, a Name/Value table of something else, a path list without a Modules folder
        assertEquals(0, detect(p, "x.ini", "[General]\r\nName=Backup\r\nRetention=30\r\nTarget=D:\\Backup\r\n"));
        assertEquals(0, detect(p, "x.txt", "Name                           Value\r\n----                           -----\r\n"
                + "Path                           C:\\Temp\r\nRetention                      30\r\n"));
        assertEquals(0, detect(p, "x.txt", "C:\\Windows;C:\\Windows\\System32\r\n"));
        assertEquals(0, detect(p, "x.txt", Samples.text("detect", "README.txt")));
        SampleChecks.claimsNoOtherSample(p, "environment-");
    }
}
