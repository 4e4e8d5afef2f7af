#!/usr/bin/env python3
"""Builds the sample bundles of bundle-analyzer and the event-log test inputs, the same on every run.

usage: make_samples.py [--check]

  contoso-fs01-bundle.zip   a MARS support bundle from a file server with known problems:
                            UTF-16LE agent traces and PowerShell captures, a nested zip, and the
                            CloudBackup/Operational event log (.evtx, written by evtx_writer.py)
  damaged-bundle.zip        the same bundle with one entry's compressed bytes destroyed
  analyzer/src/test/resources/dev/bundleanalyzer/analysis/jobs/
                            one CloudBackup job history (JOBS below) in four formats, .evtx, Event
                            Viewer CSV of a Korean Windows, wevtutil /f:xml and /f:text, and the
                            tzutil /g output that gives their local times a zone (EventFormatsTest)

Every line that a rule must find is marked below with the rule ID and the line number it has
in its file (the end-to-end test asserts those file:line pairs). --check rebuilds everything in
memory and fails if the committed bundles differ in any entry's name, time or content, or a job
history file differs in any byte.
"""
import csv
import io
import sys
import zipfile
from datetime import datetime, timedelta, timezone
from pathlib import Path
from xml.sax.saxutils import escape

from evtx_writer import Event, evtx_bytes

HERE = Path(__file__).resolve().parent
JOBS_DIR = HERE.parent / "analyzer/src/test/resources/dev/bundleanalyzer/analysis/jobs"
WHEN = (2026, 10, 22, 6, 30, 0)      # entry modification time: errlog years are taken from it
GUID = "0517B3DB-347D-45A8-9DAB-FD7D1EA7D134"
GUID2 = "9C1E2A77-5B0D-4E43-8F3A-6A1D2C3B4E5F"


def errlog_line(pid, tid, mmdd, time, area, src, obj, guid, level, msg):
    return "\t".join([pid, tid, mmdd, time, area, src, obj, guid, level, msg])


CBENGINE = [
    # line 1
    errlog_line("0B10", "1A2C", "10/21", "21:00:01.004", "03", "cbengine.cpp(120)", "", GUID, "NORMAL", "CBEngine service started, agent version 2.0.9262.0"),
    # line 2: a near miss for MARS-34513 (a file count, not an error ID)
    errlog_line("0B10", "1A2C", "10/21", "21:00:05.120", "71", "dsmfsenumerator.cpp(482)", "[000000001B73B830]", GUID, "NORMAL", "Enumerated 34513 files in volume \\\\?\\Volume{6a1d2c3b}\\"),
    # line 3
    errlog_line("0B10", "1A2C", "10/21", "21:02:21.611", "69", "registrationhelper.cs(211)", "", GUID2, "NORMAL", "Registering server FS01 with vault credentials C:\\Users\\admin\\Downloads\\contoso-vault.vaultCredentials"),
    # line 4: MARS-34513
    errlog_line("0B10", "1A2C", "10/21", "21:02:21.902", "69", "registrationhelper.cs(240)", "", GUID2, "FATAL", "Invalid vault credentials provided. The file is either corrupted or doesn't have the latest credentials associated with recovery service. (ID: 34513)"),
    # line 5: MARS-100050
    errlog_line("0B10", "2F08", "10/21", "22:30:00.015", "71", "cbpnetworkcalls.cpp(412)", "[000000001B73B830]", GUID, "FATAL", "The Microsoft Azure Recovery Service Agent was unable to connect to Microsoft Azure Backup. (ID: 100050) Check your network settings and ensure that you're able to connect to the internet."),
    # line 6 and its continuation line 7
    errlog_line("0B10", "2F08", "10/21", "22:30:00.016", "09", "everettexception.cpp(761)", "", GUID, "WARNING", "Exception Message = Unable to connect to the remote server of type System.Net.WebException"),
    "   at System.Net.HttpWebRequest.GetResponse()",
    # line 8: MARS-0x1FC07
    errlog_line("0B10", "2F08", "10/22", "03:15:40.001", "12", "cbpactivate.cpp(311)", "[000000001B73B830]", GUID, "WARNING", "Failed: Hr: = [0x1FC07] : The activation did not complete successfully. The current operation failed due to an internal service error [0x1FC07]."),
    # line 9: MARS-34506
    errlog_line("0B10", "2F08", "10/22", "03:16:00.500", "12", "passphrasemgr.cs(45)", "", GUID, "CRITICAL", "Error 34506. The encryption passphrase stored on this computer is not correctly configured."),
    # line 10: a near miss for MARS-34513 (a longer number)
    errlog_line("0B10", "2F08", "10/22", "03:20:00.000", "71", "cbpjob.cpp(301)", "[000000001B73B830]", GUID, "WARNING", "Job 7 finished with status (ID: 345130)"),
]

GATEWAY = [
    errlog_line("1C44", "0F10", "10/22", "04:00:00.100", "05", "gatewayprovider.cs(88)", "", GUID, "NORMAL", "Uploading job status to the service"),
    # line 2: MARS-100050 in the nested archive
    errlog_line("1C44", "0F10", "10/22", "04:00:31.400", "05", "gatewayprovider.cs(120)", "", GUID, "FATAL", "Unable to upload job status: agent was unable to connect to Microsoft Azure Backup. (ID: 100050)"),
]

# $PSVersionTable of Windows PowerShell 2.0, saved with '>' in PowerShell (UTF-16LE): COND-POWERSHELL-BELOW-3 at line 6
PSVERSIONTABLE = """
Name                           Value
----                           -----
CLRVersion                     2.0.50727.8806
BuildVersion                   6.1.7601.17514
PSVersion                      2.0
WSManStackVersion              2.0
PSCompatibleVersions           {1.0, 2.0}
SerializationVersion           1.1.0.1
PSRemotingProtocolVersion      2.1

"""

# Get-ExecutionPolicy -List: COND-EXECUTION-POLICY-RESTRICTED at line 9 (LocalMachine Restricted)
EXECUTION_POLICY = """

        Scope ExecutionPolicy
        ----- ---------------
MachinePolicy       Undefined
   UserPolicy       Undefined
      Process       Undefined
  CurrentUser       Undefined
 LocalMachine      Restricted

"""

# systeminfo (UTF-16LE): the report header shows host, OS and time zone from it
SYSTEMINFO = """
Host Name:                 FS01
OS Name:                   Microsoft Windows Server 2019 Datacenter
OS Version:                10.0.17763 N/A Build 17763
OS Manufacturer:           Microsoft Corporation
System Boot Time:          10/18/2026, 7:02:11 AM
Time Zone:                 (UTC+09:00) Seoul
"""

# tzutil /g redirected in cmd.exe: one line, no line end
TZUTIL = "Korea Standard Time"

# reg query of the agent's Setup key (cmd.exe, code page): COND-AGENT-OUTDATED at line 4
AGENT_SETUP = """
HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows Azure Backup\\Setup
    InstallPath    REG_SZ    C:\\Program Files\\Microsoft Azure Recovery Services Agent\\
    CurrentVersion    REG_SZ    2.0.9245.0

"""

# Get-Service (UTF-16LE): the agent service runs, a near miss for COND-SERVICE-NOT-RUNNING
SERVICES = """
Status   Name               DisplayName
------   ----               -----------
Running  obengine           Microsoft Azure Recovery Services A...
Stopped  MSiSCSI            Microsoft iSCSI Initiator Service

"""

# netsh winhttp show proxy on a Korean-language server, redirected in cmd.exe (CP949)
PROXY_KO = """
현재 WinHTTP 프록시 설정:

    직접 액세스(프록시 서버 없음).

"""

NOTES = "Customer: registration fails since Tuesday, error (ID: 34513) on screen.\r\nCall back after 17:00 KST.\r\n"


# ---- the CloudBackup/Operational log -------------------------------------------------------------------
# Eight days of FS01's scheduled backups (21:30 every evening), as the server's clock showed them: Korea
# Standard Time, UTC+9, no daylight saving. The .evtx and the XML hold UTC; Event Viewer's CSV and
# wevtutil's text hold these local times, which the analyzer converts with tzutil.txt.
KST = timezone(timedelta(hours=9))
COMPUTER = "FS01.contoso.local"
CBENGINE_PID = 0x0B10      # the CBEngine process of the trace logs above

# event ID: level, English message (formats.md 3.1), Korean message of the CSV
CLOUDBACKUP = {
    1: (4, "The backup operation has started.", "백업 작업이 시작되었습니다."),
    3: (4, "The backup operation has completed.", "백업 작업이 완료되었습니다."),
    10: (3, "The backup operation has completed with warnings.", "백업 작업이 완료되었지만 경고가 있습니다."),
    11: (2, "The backup operation has completed with errors.", "백업 작업이 완료되었지만 오류가 있습니다."),
    14: (3, "A newer version of Windows Azure Backup Agent is required", "최신 버전의 Windows Azure Backup 에이전트가 필요합니다."),
    16: (3, "Storage quota limit is approaching 80 percent", "스토리지 할당량 한도의 80%에 가까워지고 있습니다."),
    18: (2, "Scheduled backup failed in initialization phase", "예약된 백업이 초기화 단계에서 실패했습니다."),
}

# record ID, local time (KST), event ID, thread ID
JOBS = [
    (4101, "2026-10-14 21:30:02.611347", 1, 0x1A2C),
    (4102, "2026-10-14 22:05:41.204518", 3, 0x1A2C),
    (4103, "2026-10-15 21:30:01.098712", 1, 0x2F08),
    (4104, "2026-10-15 22:41:10.530041", 11, 0x2F08),   # MARS-JOB-ERRORS
    (4105, "2026-10-16 21:30:05.772090", 1, 0x1A2C),
    (4106, "2026-10-16 22:02:33.418264", 3, 0x1A2C),
    (4107, "2026-10-16 22:02:34.001377", 16, 0x1A2C),   # MARS-STORAGE-QUOTA
    (4108, "2026-10-17 21:30:00.350612", 18, 0x0F10),   # MARS-JOB-ERRORS
    (4109, "2026-10-18 09:00:15.887203", 14, 0x0F10),   # MARS-AGENT-UPGRADE-NOTICE, a morning (오전 9:00)
    (4110, "2026-10-18 21:30:01.144985", 1, 0x2F08),
    (4111, "2026-10-18 22:20:12.963120", 10, 0x2F08),   # MARS-JOB-ERRORS
    (4112, "2026-10-19 21:30:00.271554", 18, 0x0F10),   # MARS-JOB-ERRORS
    (4113, "2026-10-20 12:05:00.509311", 1, 0x1A2C),    # a manual backup at noon (오후 12:05)
    (4114, "2026-10-20 12:38:47.662480", 3, 0x1A2C),
    (4115, "2026-10-20 21:30:02.013876", 1, 0x2F08),
    (4116, "2026-10-21 00:12:09.840133", 3, 0x2F08),    # past midnight (오전 12:12)
    (4117, "2026-10-21 21:30:03.395021", 1, 0x1A2C),
    (4118, "2026-10-21 22:47:55.123908", 11, 0x1A2C),   # MARS-JOB-ERRORS
]

# the sample bundle's log keeps the last four days (older records overwritten): events 14, 10, 18, 11,
# and a manual backup that worked in the week a scheduled one failed (COND-SCHEDULED-FAILS-MANUAL-WORKS)
BUNDLE_FIRST_RECORD = 4109


def job_events():
    events = []
    for record_id, local, event_id, thread in JOBS:
        level, english, _ = CLOUDBACKUP[event_id]
        time = datetime.strptime(local, "%Y-%m-%d %H:%M:%S.%f").replace(tzinfo=KST).astimezone(timezone.utc)
        events.append(Event(record_id, time, event_id, level, english, computer=COMPUTER,
                            process_id=CBENGINE_PID, thread_id=thread))
    return events


LEVEL_WORDS_EN = {2: "Error", 3: "Warning", 4: "Information"}
LEVEL_WORDS_KO = {2: "오류", 3: "경고", 4: "정보"}


def korean_time(t):
    """ko-KR short date and long time, as Event Viewer shows them: 2026-10-21 오후 10:47:55."""
    local = t.astimezone(KST)
    hour12 = local.hour % 12 or 12
    return f"{local:%Y-%m-%d} {'오전' if local.hour < 12 else '오후'} {hour12}:{local:%M:%S}"


def viewer_csv_ko(events):
    """Event Viewer "Save All Events As... CSV" on a Korean Windows: UTF-8 with BOM, the unnamed sixth column is
    the message; newest first, as Event Viewer lists a log by default (the readers must not care)."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow(["수준", "날짜 및 시간", "원본", "이벤트 ID", "작업 범주"])
    for e in reversed(events):
        w.writerow([LEVEL_WORDS_KO[e.level], korean_time(e.time), e.provider, e.event_id, "없음",
                    CLOUDBACKUP[e.event_id][2]])
    return "\ufeff".encode("utf-8") + out.getvalue().encode("utf-8")


def wevtutil_xml(events):
    """wevtutil qe CloudBackup/Operational /f:xml: one <Event> per line, no root element, UTF-8."""
    rows = []
    for e in events:
        t = e.time.astimezone(timezone.utc)
        rows.append(
            "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System>"
            f"<Provider Name='{e.provider}'/><EventID>{e.event_id}</EventID><Version>0</Version>"
            f"<Level>{e.level}</Level><Task>0</Task><Opcode>0</Opcode><Keywords>0x{e.keywords:x}</Keywords>"
            f"<TimeCreated SystemTime='{t:%Y-%m-%dT%H:%M:%S}.{t.microsecond:06d}000Z'/>"
            f"<EventRecordID>{e.record_id}</EventRecordID><Correlation/>"
            f"<Execution ProcessID='{e.process_id}' ThreadID='{e.thread_id}'/>"
            f"<Channel>{e.channel}</Channel><Computer>{e.computer}</Computer><Security UserID='{e.user_sid}'/>"
            f"</System><EventData><Data>{escape(e.data)}</Data></EventData></Event>")
    return lines(rows).encode("utf-8")


def wevtutil_text(events):
    """wevtutil qe CloudBackup/Operational /f:text: a block per event, local time in milliseconds."""
    rows = []
    for n, e in enumerate(events):
        local = e.time.astimezone(KST)
        rows += [f"Event[{n}]:",
                 f"  Log Name: {e.channel}",
                 f"  Source: {e.provider}",
                 f"  Date: {local:%Y-%m-%dT%H:%M:%S}.{local.microsecond // 1000:03d}",
                 f"  Event ID: {e.event_id}",
                 "  Task: N/A",
                 f"  Level: {LEVEL_WORDS_EN[e.level]}",
                 "  Opcode: Info",
                 "  Keyword: N/A",
                 f"  User: {e.user_sid}",
                 "  User Name: NT AUTHORITY\\SYSTEM",
                 f"  Computer: {e.computer}",
                 "  Description: ",
                 e.data,
                 ""]
    return lines(rows).encode("utf-8")


def job_files():
    """The job history test inputs, file name -> bytes."""
    events = job_events()
    return {
        "CloudBackup-Operational.evtx": evtx_bytes(events),
        "CloudBackup%4Operational.csv": viewer_csv_ko(events),
        "CloudBackup-Operational.xml": wevtutil_xml(events),
        "CloudBackup-Operational.txt": wevtutil_text(events),
        "tzutil.txt": TZUTIL.encode("ascii"),
    }


def utf16(text):
    return b"\xff\xfe" + text.replace("\r\n", "\n").replace("\n", "\r\n").encode("utf-16-le")


def lines(rows):
    return "\r\n".join(rows) + "\r\n"


def zip_bytes(entries):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=WHEN)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, data, compresslevel=6)
    return buf.getvalue()


def sample_entries():
    nested = zip_bytes([
        ("Temp/GatewayProvider0.errlog", lines(GATEWAY).encode("utf-8")),
        ("notes.txt", NOTES.encode("utf-8")),
    ])
    return [
        ("Temp/CBEngineCurr.errlog", utf16(lines(CBENGINE))),
        ("commands/output_01.txt", utf16(PSVERSIONTABLE)),
        ("commands/Get-ExecutionPolicy.txt", utf16(EXECUTION_POLICY)),
        ("commands/systeminfo.txt", utf16(SYSTEMINFO)),
        ("commands/tzutil.txt", TZUTIL.encode("ascii")),
        ("commands/Get-Service.txt", utf16(SERVICES)),
        ("commands/netsh-winhttp.txt", PROXY_KO.replace("\n", "\r\n").encode("cp949")),
        ("registry/AzureBackup-Setup.txt", AGENT_SETUP.replace("\n", "\r\n").encode("cp949")),
        # MARS-JOB-ERRORS (events 10, 18, 11), MARS-AGENT-UPGRADE-NOTICE, COND-SCHEDULED-FAILS-MANUAL-WORKS
        ("Logs/CloudBackup%4Operational.evtx",
         evtx_bytes([e for e in job_events() if e.record_id >= BUNDLE_FIRST_RECORD])),
        ("more/gateway-logs.zip", nested),
    ]


def damaged(data):
    """Destroys the compressed bytes of the PowerShell capture entry, leaving the archive readable."""
    z = zipfile.ZipFile(io.BytesIO(data))
    info = z.getinfo("commands/output_01.txt")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    out = bytearray(data)
    for i in range(start, start + info.compress_size):
        out[i] = 0xFF
    return bytes(out)


def bundles():
    good = zip_bytes(sample_entries())
    return {"contoso-fs01-bundle.zip": good, "damaged-bundle.zip": damaged(good)}


def signature(data):
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return [(i.filename, i.date_time, i.CRC, i.file_size) for i in z.infolist()]


def main(argv):
    built = bundles()
    jobs = job_files()
    if "--check" in argv:
        bad = []
        for name, data in built.items():
            path = HERE / name
            if not path.exists():
                bad.append(f"{name}: missing")
            elif signature(path.read_bytes()) != signature(data):
                bad.append(f"{name}: differs from what the script builds")
        for name, data in jobs.items():
            path = JOBS_DIR / name
            if not path.exists():
                bad.append(f"{path}: missing")
            elif path.read_bytes() != data:
                bad.append(f"{path}: differs from what the script builds")
        for b in bad:
            print("make_samples.py:", b, file=sys.stderr)
        return 1 if bad else 0
    for name, data in built.items():
        (HERE / name).write_bytes(data)
        print("wrote", HERE / name)
    JOBS_DIR.mkdir(parents=True, exist_ok=True)
    for name, data in jobs.items():
        (JOBS_DIR / name).write_bytes(data)
        print("wrote", JOBS_DIR / name)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
