package dev.turnpike.gateway.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.turnpike.gateway.config.model.GatewayConfig;

/**
 * Watches a config repo directory by polling a fingerprint of its files (path, size,
 * modification time) on one background thread, never on a request thread. Polling rather
 * than file-system events works the same for an edited checkout, a {@code git pull}, and
 * a Kubernetes ConfigMap's symlink swap (links are followed; hidden entries such as
 * {@code .git} and the ConfigMap's {@code ..data} are skipped). A change is loaded once
 * two consecutive polls agree, so a half-written save is not picked up; a change that
 * does not validate is reported and not retried until the files change again.
 */
public final class ConfigWatcher implements AutoCloseable {

	private static final Logger LOG = Logger.getLogger(ConfigWatcher.class.getName());

	/** Receives the outcome of each load. */
	public interface Listener {

		/**
		 * Applies a loaded config.
		 * @throws InvalidConfigException when the config cannot be applied here after all
		 * (it is then refused)
		 */
		void loaded(GatewayConfig config, List<ConfigProblem> warnings);

		void refused(InvalidConfigException problems);

	}

	private final Path root;

	private final ConfigRepositoryLoader loader;

	private final Listener listener;

	private final ScheduledExecutorService executor;

	private long applied;

	private long pending;

	public ConfigWatcher(Path root, ConfigRepositoryLoader loader, Listener listener) {
		this.root = root;
		this.loader = loader;
		this.listener = listener;
		this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
			Thread thread = new Thread(runnable, "turnpike-config-watcher");
			thread.setDaemon(true);
			return thread;
		});
	}

	/**
	 * Loads the config repo now, on the caller's thread.
	 * @throws InvalidConfigException when it does not validate (the gateway must not
	 * start on a broken config)
	 */
	public void loadInitial() {
		long fingerprint = fingerprint(this.root);
		ConfigRepositoryLoader.Result result = this.loader.load(this.root);
		this.listener.loaded(result.config(), result.warnings());
		this.applied = fingerprint;
		this.pending = fingerprint;
	}

	/** Starts polling every {@code interval}. */
	public void start(Duration interval) {
		long millis = Math.max(10, interval.toMillis());
		this.executor.scheduleWithFixedDelay(this::poll, millis, millis, TimeUnit.MILLISECONDS);
	}

	void poll() {
		try {
			long fingerprint = fingerprint(this.root);
			if (fingerprint == this.applied) {
				this.pending = fingerprint;
				return;
			}
			if (fingerprint != this.pending) {
				this.pending = fingerprint;
				return;
			}
			this.applied = fingerprint;
			try {
				ConfigRepositoryLoader.Result result = this.loader.load(this.root);
				this.listener.loaded(result.config(), result.warnings());
			}
			catch (InvalidConfigException ex) {
				this.listener.refused(ex);
			}
		}
		catch (RuntimeException ex) {
			// Keep polling whatever happened; the previous config keeps serving.
			LOG.log(Level.SEVERE, "Checking the config repo " + this.root + " failed", ex);
		}
	}

	/**
	 * A hash over every file's relative path, size and modification time, skipping hidden
	 * entries (.git).
	 */
	static long fingerprint(Path root) {
		long[] hash = { 1125899906842597L };
		try {
			if (!Files.isDirectory(root)) {
				return 0;
			}
			Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
					new SimpleFileVisitor<>() {

						@Override
						public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
							return (!dir.equals(root) && dir.getFileName().toString().startsWith("."))
									? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
						}

						@Override
						public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
							if (!file.getFileName().toString().startsWith(".")) {
								hash[0] = 31 * hash[0] + root.relativize(file).toString().hashCode();
								hash[0] = 31 * hash[0] + attrs.size();
								hash[0] = 31 * hash[0] + attrs.lastModifiedTime().toMillis();
							}
							return FileVisitResult.CONTINUE;
						}

						@Override
						public FileVisitResult visitFileFailed(Path file, IOException exc) {
							// A file removed between listing and reading, or a symlink
							// loop: the next poll sees the new state.
							return FileVisitResult.CONTINUE;
						}

					});
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return hash[0];
	}

	@Override
	public void close() {
		this.executor.shutdownNow();
	}

}
