package dev.turnpike.gateway.observability;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Appends access log lines to a file from one background thread, so request threads never
 * wait on disk. When the queue is full (the disk cannot keep up) lines are dropped and
 * counted rather than slowing requests.
 */
final class FileAccessLogSink {

	private static final Log LOG = LogFactory.getLog(FileAccessLogSink.class);

	private static final int CAPACITY = 10_000;

	private final Path file;

	private final BlockingQueue<String> lines = new LinkedBlockingQueue<>(CAPACITY);

	private final AtomicLong dropped = new AtomicLong();

	private final Thread writer;

	private volatile boolean open = true;

	FileAccessLogSink(String file) {
		this.file = Path.of(file);
		this.writer = new Thread(this::drain, "access-log-" + this.file.getFileName());
		this.writer.setDaemon(true);
		this.writer.start();
	}

	void append(String line) {
		if (!this.lines.offer(line)) {
			if (this.dropped.incrementAndGet() % 1000 == 1) {
				LOG.warn("Access log " + this.file + " cannot keep up; " + this.dropped.get()
						+ " line(s) dropped so far");
			}
		}
	}

	private void drain() {
		try {
			if (this.file.getParent() != null) {
				Files.createDirectories(this.file.getParent());
			}
			try (BufferedWriter out = Files.newBufferedWriter(this.file, StandardCharsets.UTF_8,
					StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
				while (this.open || !this.lines.isEmpty()) {
					String line = this.lines.poll(200, TimeUnit.MILLISECONDS);
					if (line != null) {
						out.write(line);
						out.newLine();
					}
					if (line == null || this.lines.isEmpty()) {
						out.flush();
					}
				}
			}
		}
		catch (IOException ex) {
			LOG.error("Access log " + this.file + " cannot be written: " + ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	void close() {
		this.open = false;
		try {
			this.writer.join(2000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
