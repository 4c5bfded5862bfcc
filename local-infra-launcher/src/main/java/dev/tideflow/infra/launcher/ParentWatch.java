package dev.tideflow.infra.launcher;

import java.io.IOException;
import java.io.InputStream;

/**
 * Ends this child JVM when its parent goes away. The parent holds our stdin open; the operating
 * system closes it when the parent exits for any reason (even SIGKILL), and we read end-of-file.
 */
final class ParentWatch {

    private ParentWatch() {
    }

    static void exitWhenParentGoes(Runnable shutdown) {
        Thread watcher = new Thread(() -> {
            try (InputStream in = System.in) {
                byte[] buffer = new byte[256];
                while (in.read(buffer) >= 0) {
                    // The parent never writes; anything read is ignored.
                }
            } catch (IOException ignored) {
                // A broken pipe means the same as end-of-file: the parent is gone.
            }
            // A shutdown that hangs must not leave an orphan behind.
            new java.util.Timer("parent-watch-halt", true).schedule(new java.util.TimerTask() {
                @Override
                public void run() {
                    Runtime.getRuntime().halt(3);
                }
            }, 20_000);
            shutdown.run();
            System.exit(0);
        }, "parent-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    /** The line the parent waits for on our stdout. */
    static void announceReady(String what) {
        System.out.println("TIDEFLOW-READY " + what);
        System.out.flush();
    }
}
