package io.portcullis.jenkins;

import hudson.model.TaskListener;
import java.io.ByteArrayOutputStream;
import java.io.ObjectStreamException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * A build log that keeps everything printed. Remoting sends a listener to the agent as a stream back to the
 * controller's log; here the copy that comes out of Java serialisation resolves to the same log.
 */
final class CapturingListener implements TaskListener {
    private static final long serialVersionUID = 1L;
    private static final Map<String, CapturingListener> LIVE = new ConcurrentHashMap<>();

    private final String key = UUID.randomUUID().toString();
    private final transient ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final transient PrintStream logger;

    CapturingListener() {
        this(line -> { });
    }

    /** {@code onLine} sees each printed line as it is printed, on the printing thread. */
    CapturingListener(Consumer<String> onLine) {
        this.logger = new PrintStream(bytes, true, StandardCharsets.UTF_8) {
            @Override
            public void println(String x) {
                super.println(x);
                onLine.accept(x);
            }
        };
        LIVE.put(key, this);
    }

    private Object readResolve() throws ObjectStreamException {
        return LIVE.get(key);
    }

    @Override
    public PrintStream getLogger() {
        return logger;
    }

    String text() {
        logger.flush();
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
