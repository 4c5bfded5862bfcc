package dev.tideflow.log.sink;

import com.github.luben.zstd.ZstdInputStream;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reads a sink's directory back the way an operator would, and runs the real command-line checkers. */
public final class LogFiles {

    private LogFiles() {
    }

    public static List<RotatedFile> rotated(Path dir, String fileName) throws IOException {
        SegmentNames names = new SegmentNames(dir, fileName);
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(names::parse).flatMap(Optional::stream)
                    .sorted(Comparator.comparingLong(RotatedFile::index).thenComparing(f -> f.kind().ordinal()))
                    .toList();
        }
    }

    public static List<Path> ofKind(Path dir, String fileName, RotatedFile.Kind kind) throws IOException {
        return rotated(dir, fileName).stream().filter(f -> f.kind() == kind).map(RotatedFile::path).toList();
    }

    /** Every line, oldest generation first, then the active file: segments raw, archives decompressed. */
    public static List<String> allLines(Path dir, String fileName) throws IOException {
        List<String> lines = new ArrayList<>();
        for (RotatedFile f : rotated(dir, fileName)) {
            if (f.kind() == RotatedFile.Kind.SEGMENT || f.kind() == RotatedFile.Kind.ARCHIVE) {
                lines.addAll(read(f.path()));
            }
        }
        Path active = dir.resolve(fileName);
        if (Files.exists(active)) {
            lines.addAll(read(active));
        }
        return lines;
    }

    public static List<String> read(Path file) throws IOException {
        try (InputStream raw = Files.newInputStream(file);
                InputStream in = open(file, raw);
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return reader.lines().toList();
        }
    }

    private static InputStream open(Path file, InputStream raw) throws IOException {
        String name = file.getFileName().toString();
        if (name.endsWith(".gz")) {
            return new GZIPInputStream(raw);
        }
        if (name.endsWith(".zst")) {
            return new ZstdInputStream(raw);
        }
        return raw;
    }

    public static boolean onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    /** Runs {@code command} in {@code dir} and asserts it exits 0; returns its output. */
    public static String run(Path dir, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), String.join(" ", command) + " did not finish");
        assertEquals(0, p.exitValue(), String.join(" ", command) + " failed: " + output);
        return output;
    }

    /** {@code gzip -t}/{@code zstd -t} and {@code sha256sum -c} on every archive; returns how many were checked. */
    public static int verifyArchivesWithSystemTools(Path dir, String fileName) throws Exception {
        int checked = 0;
        for (Path archive : ofKind(dir, fileName, RotatedFile.Kind.ARCHIVE)) {
            String name = archive.getFileName().toString();
            if (name.endsWith(".gz") && onPath("gzip")) {
                run(dir, "gzip", "-t", name);
            } else if (name.endsWith(".zst") && onPath("zstd")) {
                run(dir, "zstd", "-q", "-t", name);
            }
            Path checksum = archive.resolveSibling(name + ".sha256");
            assertTrue(Files.exists(checksum), "missing checksum for " + name);
            if (onPath("sha256sum")) {
                String out = run(dir, "sha256sum", "-c", checksum.getFileName().toString());
                assertTrue(out.contains(name + ": OK"), out);
            } else {
                String expected = Files.readString(checksum).split(" ")[0];
                assertEquals(HexFormat.of().formatHex(Archiver.hash(archive)), expected);
            }
            checked++;
        }
        return checked;
    }
}
