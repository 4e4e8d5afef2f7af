package dev.bundleanalyzer.cli;

import dev.bundleanalyzer.rules.Rule;
import dev.bundleanalyzer.rules.RuleFileException;
import dev.bundleanalyzer.rules.RuleLoader;
import dev.bundleanalyzer.serve.BundleServer;
import dev.bundleanalyzer.serve.ServeOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve a web page to upload bundles, follow their analysis and open their reports, a search"
                + " over all of them, and the same as an HTTP API. Reports are kept under --data as batch keeps"
                + " them, one per bundle content: a bundle uploaded twice is analyzed once.",
                "Runs until stopped (Ctrl+C); uploads not yet analyzed are analyzed at the next start."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:stopped",
                "1:could not start (port taken, --data not writable)",
                "2:usage error"})
final class ServeCommand implements Callable<Integer> {

    @Option(names = "--data", required = true, paramLabel = "DIR",
            description = "where uploads are queued and reports kept (created if missing)")
    Path data;

    @Option(names = "--port", paramLabel = "N", defaultValue = "8080", description = "port (default: ${DEFAULT-VALUE};"
            + " 0 for any free one)")
    int port;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "address to listen on (default: ${DEFAULT-VALUE}, this machine only; 0.0.0.0 for every"
                    + " interface, with a token)")
    String bind;

    @Option(names = "--token", paramLabel = "T", defaultValue = "${env:BUNDLE_ANALYZER_TOKEN}",
            description = "a shared token every request must present (default: the environment variable"
                    + " BUNDLE_ANALYZER_TOKEN, which keeps it out of the process list)")
    String token;

    @Option(names = "--max-upload-bytes", paramLabel = "BYTES", description = "largest bundle accepted; a larger"
            + " upload is answered 413 (default: ${DEFAULT-VALUE}, 8 GiB)")
    long maxUploadBytes = ServeOptions.DEFAULT_MAX_UPLOAD_BYTES;

    @CommandLine.Mixin
    StoreOptions store;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        store.check(spec);
        if (port < 0 || port > 65535) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--port must be between 0 and 65535");
        }
        if (maxUploadBytes < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--max-upload-bytes must be at least 1");
        }
        List<Rule> rules;
        try {
            rules = new RuleLoader().loadCatalogue();
        } catch (RuleFileException e) {
            err.println("bundle-analyzer: bad rule file: " + e.getMessage());
            return Main.USAGE;
        }
        ServeOptions options = new ServeOptions(data, bind, port, store.jobs(), token, maxUploadBytes,
                store.lang, store.limits(), !store.noRedact, !store.noIndex);
        if (options.token() == null && !BundleServer.isLoopback(bind)) {
            err.println("bundle-analyzer: warning: listening on " + bind + " without a token: anyone who reaches"
                    + " this machine can upload bundles and read every report (set BUNDLE_ANALYZER_TOKEN)");
        }
        BundleServer server;
        try {
            server = BundleServer.start(options, rules, err);
        } catch (IOException | RuntimeException e) {
            err.println("bundle-analyzer: cannot serve: " + e.getMessage());
            err.flush();
            return Main.FAILED;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "serve-stop"));
        PrintWriter out = spec.commandLine().getOut();
        out.println("serving " + data.toAbsolutePath().normalize() + " on " + server.url()
                + (options.token() != null ? " (token required)" : ""));
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Main.OK;
    }
}
