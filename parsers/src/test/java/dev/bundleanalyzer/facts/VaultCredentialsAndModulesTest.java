package dev.bundleanalyzer.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.bundleanalyzer.detect.ContentDetector;
import dev.bundleanalyzer.parse.CollectingSink;
import dev.bundleanalyzer.parse.Fact;
import dev.bundleanalyzer.parse.Samples;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class VaultCredentialsAndModulesTest {

    private static final String SECRET = "MIIKYAIBAzCCChwGCSqGSIb3DQEHAaCCCg0EggoJMIIKBTCCBg4GCSqGSIb3DQEHAa";

    private static CollectingSink parse(String name, byte[] bytes, Instant modified, String kind) throws IOException {
        ContentDetector.Detection d = ContentDetector.standard().detect(name, Samples.head(bytes));
        assertEquals(kind, d.kind(), name);
        CollectingSink sink = new CollectingSink();
        d.parser().parse(Samples.input(name, modified, bytes), sink);
        return sink;
    }

    @Test
    void vaultCredentialsGiveTheirDateAndNeverTheirContent() throws IOException {
        String xml = "<?xml version=\"1.0\"?>\r\n<VaultCredentials><AadTenantId>x</AadTenantId><ManagementCert>" + SECRET
                + "</ManagementCert></VaultCredentials>";
        Instant downloaded = Instant.parse("2026-10-01T08:00:00Z");
        CollectingSink sink = parse("Downloads/contoso.VaultCredentials", Samples.encode(xml, "UTF-8"), downloaded,
                "vault-credentials");
        assertEquals(List.of("vaultcredentials.file=contoso.VaultCredentials", "vaultcredentials.modified=2026-10-01T08:00:00Z"),
                sink.facts.stream().map(f -> f.key() + "=" + f.value()).toList());
        for (Fact f : sink.facts) {
            assertFalse(f.text().contains(SECRET) || f.value().contains(SECRET), "secret leaked: " + f);
        }
        // recognised by content under another name
        assertEquals("vault-credentials", ContentDetector.standard()
                .detect("creds.xml", Samples.head(Samples.encode(xml, "UTF-16LE-BOM"))).kind());
    }

    @Test
    void moduleListGivesVersionsPerModule() throws IOException {
        String text = "\r\n    Directory: C:\\Program Files\\WindowsPowerShell\\Modules\r\n\r\n\r\n"
                + "ModuleType Version    Name                                ExportedCommands\r\n"
                + "---------- -------    ----                                ----------------\r\n"
                + "Script     3.7.0      Azure                               {Get-AzureAutomationCertificate...}\r\n"
                + "Binary     1.0.0.1    PackageManagement                   {Find-Package, Get-Package...}\r\n";
        CollectingSink sink = parse("modules.txt", Samples.encode(text, "UTF-16LE-BOM"), null, "ps-modules");
        assertEquals(List.of("psmodule.listed=C:\\Program Files\\WindowsPowerShell\\Modules@2",
                        "psmodule.azure.version=3.7.0@7", "psmodule.packagemanagement.version=1.0.0.1@8"),
                sink.facts.stream().map(f -> f.key() + "=" + f.value() + "@" + f.line()).toList());
    }
}
