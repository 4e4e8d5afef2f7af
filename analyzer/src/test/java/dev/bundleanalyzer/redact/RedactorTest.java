package dev.bundleanalyzer.redact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class RedactorTest {

    // secret | what must be left of the line
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "https://contoso.blob.core.windows.net/c/b?sv=2022-11-02&se=2026-12-01&sr=b&sp=r&sig=Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MA%3D%3D"
            + " | https://contoso.blob.core.windows.net/c/b?sv=2022-11-02&se=2026-12-01&sr=b&sp=r&sig=[REDACTED:sas-signature]",
        "Authorization: Bearer abcDEF123456ghiJKL789.mno-pqr_stu | Authorization: Bearer [REDACTED:token]",
        "token eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlX2hlcmU | token [REDACTED:token]",
        "DefaultEndpointsProtocol=https;AccountName=contoso;AccountKey=bXlTdG9yYWdlQWNjb3VudEtleVZhbHVlMTIzNDU2Nzg5MA==;EndpointSuffix=core.windows.net"
            + " | DefaultEndpointsProtocol=https;AccountName=contoso;AccountKey=[REDACTED:account-key];EndpointSuffix=core.windows.net",
        "Server=sql01;Database=mars;User Id=backup;Password=P@ssw0rd!2026;Encrypt=true"
            + " | Server=sql01;Database=mars;User Id=backup;Password=[REDACTED:password];Encrypt=true",
        "Set-OBMachineSetting -EncryptionPassphrase $pass; Set-OBMachineSetting -EncryptionPassphrase \"Correct horse battery staple 2026\""
            + " | Set-OBMachineSetting -EncryptionPassphrase $pass; Set-OBMachineSetting -EncryptionPassphrase [REDACTED:password]",
        "`ConvertTo-SecureString -String \"S3cr3t-Pa55phrase!\" -AsPlainText -Force`"
            + " | `ConvertTo-SecureString -String [REDACTED:password] -AsPlainText -Force`",
        "net use \\\\fs02\\share /user:contoso\\svc-backup /password:Winter2026! | net use \\\\fs02\\share /user:contoso\\svc-backup /password:[REDACTED:password]",
        "Proxy: http://svc-proxy:Pr0xyPass@proxy.contoso.local:8080 | Proxy: http://svc-proxy:[REDACTED:url-password]@proxy.contoso.local:8080",
        "`\"client_secret\": \"8Q~abcdefghijklmnopqrstuvwxyz0123456\"` | `\"client_secret\": [REDACTED:password]`",
        "<ManagementCert>MIIKPAIBAzCCCfwGCSqGSIb3DQEHAaCCCe0EggnpMIIJ5TCCBhYGCSqGSIb3DQEHAaCCBgcEggYDMIIF</ManagementCert>"
            + " | <ManagementCert>[REDACTED:certificate]</ManagementCert>",
        "<EncryptionKey>c2VjcmV0LXBhc3NwaHJhc2UtdmFsdWU</EncryptionKey> | <EncryptionKey>[REDACTED:certificate]</EncryptionKey>",
    })
    void redactsTheValueAndKeepsTheLine(String secret, String expected) {
        Redactor r = Redactor.standard();
        assertEquals(expected.strip(), r.redact(secret.strip()));
        assertTrue(r.total() >= 1);
    }

    @Test
    void privateKeyBlocksGoWhole() {
        String pem = "key follows\n-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun\n"
                + "VTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxK\n-----END RSA PRIVATE KEY-----\nend";
        Redactor r = Redactor.standard();
        assertEquals("key follows\n[REDACTED:private-key]\nend", r.redact(pem));
        assertEquals(Map.of(Redactor.Kind.PRIVATE_KEY, 1L), r.counts());
    }

    @Test
    void longBase64RunsGoButHexDataStays() {
        String blob = "MIIKPAIBAzCCCfwGCSqGSIb3DQEHAaCCCe0EggnpMIIJ5TCCBhYGCSqGSIb3DQEHAaCCBgcEggYDMIIF"
                + "/zCCBfsGCyqGSIb3DQEMCgECoIIE/jCCBPowHAYKKoZIhvcNAQwBAzAOBAhFWU5T";
        Redactor r = Redactor.standard();
        assertEquals("cert=[REDACTED:base64] end", r.redact("cert=" + blob + " end").replace("[REDACTED:password]",
                "[REDACTED:base64]"));
        String hex = "0000000002008600000000000000000000000000000000000000000000000000000000000000000000000000"
                + "00000000000000000000000000000000000000000000000000000000000000000000000000000000000000";
        assertEquals("<Binary>" + hex + "</Binary>", r.redact("<Binary>" + hex + "</Binary>"));
    }

    @Test
    void aBase64RunGoesFromItsFullLengthOnWhereverItStands() {
        // the run check probes every 120th position: runs of each length at each offset around the probes
        StringBuilder chars = new StringBuilder();
        for (int i = 0; chars.length() < 130; i++) {
            chars.append("Zm9vYmFyQUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo0567+/".charAt(i % 49));
        }
        for (int offset = 0; offset < 250; offset += 7) {
            for (int length : new int[] {119, 120, 121}) {
                String text = " ".repeat(offset) + chars.substring(0, length) + " tail";
                String out = Redactor.standard().redact(text);
                assertEquals(length >= 120, out.contains("[REDACTED:base64]"), "offset " + offset + ", length " + length);
            }
        }
    }

    // near misses: what the rules read must survive
    @ParameterizedTest
    @ValueSource(strings = {
        "Invalid vault credentials provided. The file is either corrupted or doesn't have the latest credentials (ID: 34513)",
        "The passphrase is incorrect. (ID: 100110)",
        "0B10\t1A2C\t10/21\t21:02:21.902\t03\tregistrationhelper.cs(211)\t\t0517B3DB-347D-45A8-9DAB-FD7D1EA7D134\tWARNING\tHr: = [0x80070005]",
        "Set-OBMachineSetting -EncryptionPassphrase -Force",
        "PSModulePath=C:\\Program Files\\Microsoft Azure Recovery Services Agent\\bin\\Modules\\",
        "https://learn.microsoft.com/azure/backup/backup-azure-mars-troubleshoot?tabs=sig",
        "ScratchLocation    REG_SZ    C:\\Program Files\\Microsoft Azure Recovery Services Agent\\Scratch",
        "Password policy: complexity enabled",
        "Thumbprint 3B1EFD3A66EA28B16697394703A72CA340A05BD5",
        "<System><Keywords>0x8080000000000000</Keywords></System>",
        "<RenderingInfo><Keywords><Keyword>Audit Success</Keyword></Keywords></RenderingInfo>",
    })
    void leavesWhatIsNoSecret(String text) {
        Redactor r = Redactor.standard();
        assertEquals(text, r.redact(text));
        assertEquals(0, r.total());
    }

    @Test
    void offLeavesEverything() {
        String text = "Password=P@ssw0rd!2026";
        assertEquals(text, Redactor.off().redact(text));
        assertFalse(Redactor.off().enabled());
    }
}
