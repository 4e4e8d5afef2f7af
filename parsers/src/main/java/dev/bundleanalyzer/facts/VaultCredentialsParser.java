package dev.bundleanalyzer.facts;

import dev.bundleanalyzer.detect.ContentSample;
import dev.bundleanalyzer.parse.Fact;
import dev.bundleanalyzer.parse.ParseInput;
import dev.bundleanalyzer.parse.Parser;
import dev.bundleanalyzer.parse.RecordSink;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/**
 * A vault credentials file ({@code *.vaultCredentials}, XML holding a certificate and keys). Its content is
 * secret and is never read into records: the only facts are that the file is in the bundle, its name, and its
 * modification time (when it was downloaded), which the credentials-age check compares with the registration.
 */
public final class VaultCredentialsParser implements Parser {

    public static final String KIND = "vault-credentials";

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public int detect(ContentSample sample) {
        String name = sample.name().toLowerCase(Locale.ROOT);
        if (name.endsWith(".vaultcredentials")) {
            return 95;
        }
        String text = sample.text();
        boolean xml = text.stripLeading().startsWith("<");
        return xml && (text.contains("<AadTenantId>") || text.contains("VaultCredential")) ? 80 : 0;
    }

    @Override
    public long parse(ParseInput input, RecordSink sink) throws IOException {
        // drain without keeping anything: the stream belongs to the archive reader
        try (InputStream in = input.content()) {
            in.transferTo(OutputStreamSink.INSTANCE);
        }
        String name = input.path().substring(input.path().lastIndexOf('/') + 1);
        String described = name + " (content not read: it holds secrets)";
        sink.fact(new Fact("vaultcredentials.file", name, input.path(), 0, described));
        if (input.modified() == null) {
            sink.note(input.path(), "vault credentials file without a modification time: its age cannot be told");
            return 1;
        }
        sink.fact(new Fact("vaultcredentials.modified", input.modified().toString(), input.path(), 0,
                name + " modified " + input.modified()));
        return 2;
    }

    /** Discards bytes. */
    private static final class OutputStreamSink extends java.io.OutputStream {
        static final OutputStreamSink INSTANCE = new OutputStreamSink();

        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    }
}
