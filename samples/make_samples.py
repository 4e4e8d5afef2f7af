#!/usr/bin/env python3
"""Builds the sample bundles of bundle-analyzer, byte for byte the same on every run.

usage: make_samples.py [--check]

  contoso-fs01-bundle.zip   a MARS support bundle from a file server with known problems:
                            UTF-16LE agent traces and PowerShell captures, and a nested zip
  damaged-bundle.zip        the same bundle with one entry's compressed bytes destroyed

Every line that a rule must find is marked below with the rule ID and the line number it has
in its file (the end-to-end test asserts those file:line pairs). --check rebuilds the bundles in
memory and fails if the committed ones differ in any entry's name, time or content.
"""
import io
import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
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
    if "--check" in argv:
        bad = []
        for name, data in built.items():
            path = HERE / name
            if not path.exists():
                bad.append(f"{name}: missing")
            elif signature(path.read_bytes()) != signature(data):
                bad.append(f"{name}: differs from what the script builds")
        for b in bad:
            print("make_samples.py:", b, file=sys.stderr)
        return 1 if bad else 0
    for name, data in built.items():
        (HERE / name).write_bytes(data)
        print("wrote", HERE / name)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
