package dev.bundleanalyzer.facts;

import static dev.bundleanalyzer.facts.SampleChecks.all;
import static dev.bundleanalyzer.facts.SampleChecks.assertFact;
import static dev.bundleanalyzer.facts.SampleChecks.detect;
import static dev.bundleanalyzer.facts.SampleChecks.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bundleanalyzer.parse.CollectingSink;
import dev.bundleanalyzer.parse.Samples;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScheduledTaskParserTest {

    @Test
    void severalTasksInUtf16() throws IOException {
        CollectingSink sink = parse("scheduled-task-schtasks.xml", "UTF-16LE-BOM", "scheduled-task");

        assertFact(sink, "task.onlinebackup.present", "true", 3);
        assertFact(sink, "task.onlinebackup.uri", "\\Microsoft\\OnlineBackup\\Microsoft-OnlineBackup", 6);
        assertFact(sink, "task.onlinebackup.enabled", "true", 35);
        // the first trigger is disabled, the second has no Enabled element: enabled by default
        assertFact(sink, "task.onlinebackup.triggers.enabled", "true", 19);
        assertEquals(List.of("2026-10-20T21:00:00@10", "2026-10-21T02:30:00@20"), all(sink, "task.onlinebackup.start"));
        assertFact(sink, "task.onlinebackup.userid", "S-1-5-18", 28);
        assertFact(sink, "task.onlinebackup.multipleinstancespolicy", "Parallel", 33);
        assertFact(sink, "task.onlinebackup.command", "C:\\Windows\\system32\\WindowsPowerShell\\v1.0\\powershell.exe", 39);
        assertFact(sink, "task.onlinebackup.arguments",
                "-command Import-Module MSOnlineBackup; Start-OBBackup -Name \"a\" & exit", 40);

        // named by the comment before it; all triggers disabled; no MultipleInstancesPolicy
        assertFact(sink, "task.wsb.present", "true", 47);
        assertFact(sink, "task.wsb.uri", "\\Microsoft\\Windows\\Backup\\Microsoft-Windows-WindowsBackup", 47);
        assertFact(sink, "task.wsb.enabled", "false", 61);
        assertFact(sink, "task.wsb.triggers.enabled", "false", 52);
        assertEquals(List.of("2026-10-20T21:30:00@52", "2026-10-20T23:00:00@53"), all(sink, "task.wsb.start"));
        assertFact(sink, "task.wsb.groupid", "S-1-5-32-544", 57);
        assertFact(sink, "task.wsb.multipleinstancespolicy", "IgnoreNew", 60);
        assertFact(sink, "task.wsb.command", "C:\\Windows\\system32\\wbadmin.exe", 65);
        assertEquals(List.of(), all(sink, "task.wsb.userid"));

        // the third task is not well-formed: a note, no facts, and the fourth is still read
        assertEquals(1, sink.notes.size(), sink.notes.toString());
        assertTrue(sink.notes.get(0).startsWith("out/scheduled-task-schtasks.xml: task 3 at line 72 is not well-formed XML: "),
                sink.notes.get(0));
        assertTrue(sink.facts.stream().noneMatch(f -> f.key().startsWith("task.broken.")), sink.facts.toString());

        String other = "task.nightly-report--v2-.";
        assertFact(sink, other + "present", "true", 79);
        assertFact(sink, other + "uri", "\\Contoso\\Nightly Report (v2)", 81);
        assertFact(sink, other + "enabled", "true", 79);
        assertFact(sink, other + "userid", "CONTOSO\\svc_report", 85);
        assertFact(sink, other + "multipleinstancespolicy", "IgnoreNew", 79);
        assertFact(sink, other + "command", "D:\\Tools\\report.exe", 90);
        assertEquals(List.of(), all(sink, other + "triggers.enabled"), "no triggers, no trigger verdict");

        assertEquals(10 + 9 + 6, sink.facts.size(), sink.facts.toString());
    }

    @Test
    void koreanCodePageWithLyingDeclaration() throws IOException {
        CollectingSink sink = parse("scheduled-task-ko.xml", "CP949", "scheduled-task");
        assertFact(sink, "task.onlinebackup.present", "true", 3);
        assertFact(sink, "task.onlinebackup.uri", "\\Microsoft\\OnlineBackup\\Microsoft-OnlineBackup", 6);
        assertFact(sink, "task.onlinebackup.enabled", "true", 21);
        assertFact(sink, "task.onlinebackup.triggers.enabled", "true", 11);
        assertFact(sink, "task.onlinebackup.start", "2026-10-20T21:00:00+09:00", 10);
        assertFact(sink, "task.onlinebackup.userid", "WIN-SRV01\\관리자", 16);
        assertFact(sink, "task.onlinebackup.multipleinstancespolicy", "IgnoreNew", 20);
        assertFact(sink, "task.onlinebackup.command", "powershell.exe", 25);
        assertFact(sink, "task.onlinebackup.arguments", "-command Start-OBBackup -Name \"일일 백업\"", 26);
        assertEquals(9, sink.facts.size(), sink.facts.toString());
        assertEquals(List.of(), sink.notes);
    }

    @Test
    void tasksInsideOneTasksElement() throws IOException {
        String ns = ScheduledTaskParser.TASK_NS;
        String text = "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\r\n<Tasks>\r\n"
                + "  <!-- \\Microsoft\\OnlineBackup\\Microsoft-OnlineBackup -->\r\n"
                + "  <Task version=\"1.2\" xmlns=\"" + ns + "\">\r\n"
                + "    <Settings><MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy></Settings>\r\n"
                + "  </Task>\r\n"
                + "  <!-- \\Microsoft\\Windows\\Backup\\Microsoft-Windows-WindowsBackup -->\r\n"
                + "  <Task version=\"1.2\" xmlns=\"" + ns + "\">\r\n"
                + "    <Triggers><CalendarTrigger><StartBoundary>2026-10-20T21:30:00</StartBoundary></CalendarTrigger></Triggers>\r\n"
                + "  </Task>\r\n</Tasks>\r\n";
        CollectingSink sink = SampleChecks.parseText("out/tasks.xml", text, "UTF-16LE-BOM", "scheduled-task");
        assertFact(sink, "task.onlinebackup.uri", "\\Microsoft\\OnlineBackup\\Microsoft-OnlineBackup", 4);
        assertFact(sink, "task.onlinebackup.multipleinstancespolicy", "IgnoreNew", 5);
        assertFact(sink, "task.wsb.present", "true", 8);
        assertFact(sink, "task.wsb.start", "2026-10-20T21:30:00", 9);
        assertFact(sink, "task.wsb.triggers.enabled", "true", 9);
        assertEquals(List.of(), sink.notes);
    }

    @Test
    void externalEntitiesAreNotRead() throws IOException {
        String text = "<?xml version=\"1.0\"?>\n<!DOCTYPE Task [<!ENTITY x SYSTEM \"file:///etc/hostname\">]>\n"
                + "<Task xmlns=\"" + ScheduledTaskParser.TASK_NS + "\">\n"
                + "  <RegistrationInfo><URI>\\Evil</URI></RegistrationInfo>\n"
                + "  <Actions><Exec><Command>&x;</Command></Exec></Actions>\n</Task>\n";
        CollectingSink sink = SampleChecks.parseText("out/evil.xml", text, "UTF-8", "scheduled-task");
        // the DOCTYPE is not part of the task that is read: the entity is undeclared and the task is skipped
        assertEquals(List.of(), sink.facts);
        assertEquals(1, sink.notes.size(), sink.notes.toString());
        assertTrue(sink.notes.get(0).contains("task 1 at line 3 is not well-formed XML"), sink.notes.get(0));
    }

    @Test
    void taskIds() {
        assertEquals("onlinebackup", ScheduledTaskParser.taskId("\\Microsoft\\OnlineBackup\\Microsoft-OnlineBackup"));
        assertEquals("onlinebackup", ScheduledTaskParser.taskId("microsoft\\onlinebackup\\microsoft-onlinebackup"));
        assertEquals("wsb", ScheduledTaskParser.taskId("\\Microsoft\\Windows\\Backup\\Microsoft-Windows-WindowsBackup"));
        assertEquals("wsb", ScheduledTaskParser.taskId("\\Microsoft\\Windows\\Backup\\ConfigNotification"));
        assertEquals("google-update", ScheduledTaskParser.taskId("\\GoogleUpdate\\Google Update"));
    }

    @Test
    void detection() {
        ScheduledTaskParser p = new ScheduledTaskParser();
        assertEquals(90, detect(p, "tasks.txt", Samples.text("facts", "scheduled-task-schtasks.xml")));
        assertEquals(90, detect(p, "tasks.txt", Samples.text("facts", "scheduled-task-ko.xml")));
        assertEquals(70, detect(p, "t.xml", "<Task version=\"1.2\">\n  <RegistrationInfo>\n"));
        // near miss: event XML has a <Task> element too
        assertEquals(0, detect(p, "events.xml", "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'>"
                + "<System><Provider Name='CloudBackup'/><EventID>11</EventID><Task>0</Task></System></Event>\n"));
        assertEquals(0, detect(p, "x.txt", Samples.text("detect", "README.txt")));
        SampleChecks.claimsNoOtherSample(p, "scheduled-task-");
    }
}
